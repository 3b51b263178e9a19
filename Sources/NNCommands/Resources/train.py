#!/usr/bin/env python3
"""An nntui run as a PyTorch program, written by `nntui export`.

Every setting of the run (network, cost, optimizer, schedule, epochs, batch, seed,
data) is read from settings.json beside this file: this file is the same for every
run, and no name or path of the run is ever part of its code. preset.yaml beside it
is nntui's preset, so nntui opens the same run and takes the weights back. Runs on
one CPU or GPU, or as DistributedDataParallel under torchrun:

    python train.py [--epochs N] [--log F.csv] [--device cpu|cuda] [--save F.safetensors]
    torchrun --nproc_per_node=N train.py [--csv F.csv ...]   (--csv is --log: torchrun
                                                             takes --log for its own --log-dir)

init.safetensors holds the weights nntui starts this run from; data.safetensors the
training and validation splits as nntui scales them (or, for IDX data sets, the
split's sample indices and the scaling). Each rank trains on its share of every
mini-batch, so the global batch and its mean gradient are the single-process ones;
rank 0 logs (nntui's CSV columns: `nntui watch F.csv` follows it) and saves nntui's
tensor names, so `nntui train --preset preset.yaml --load final.safetensors` takes
the weights back. Mini-batches follow nntui's chunker (a fresh permutation each
epoch, the short batch placed at random) drawn from torch's generator: the same
statistics as nntui's run, not the same order. The full batch is the same run.
"""
import argparse
import csv
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def refuse(sentence):
    """Bad input, as nntui says it: one sentence on stderr, exit code 2."""
    print(f"train.py: {sentence}", file=sys.stderr)
    sys.exit(2)


def number_in(low, high, low_open=False, high_open=False):
    """A rule: a finite number (not a bool) from low to high, either end open."""
    def rule(v):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            return "is not a finite number"
        if (v <= low if low_open else v < low) or (v >= high if high_open else v > high):
            return f"is out of range ({low} {'<' if low_open else '<='} value {'<' if high_open else '<='} {high})"
        return None
    return rule


def whole(low, high):
    def rule(v):
        if isinstance(v, bool) or not isinstance(v, int):
            return "is not a whole number"
        return None if low <= v <= high else f"is out of range ({low} to {high})"
    return rule


def one_of(*names):
    return lambda v: None if isinstance(v, str) and v in names else f"is not one of {', '.join(names)}"


def kind(t, what):
    return lambda v: None if isinstance(v, t) and not (t is int and isinstance(v, bool)) else f"is not {what}"


def regular_file(v):
    if not isinstance(v, str) or not v:
        return "is not a path"
    if not os.path.isfile(v):  # a FIFO or a device would be read forever
        return f"names {v!r}, which is not a regular file"
    return None


BIG = 1_000_000_000
# every field nntui writes, with the rule nntui itself applies to the setting
RULES = {
    "run": kind(str, "a string"),
    "sizes": lambda v: None if isinstance(v, list) and len(v) >= 2 and all(whole(1, BIG)(n) is None for n in v)
    else "is not a list of at least two layer sizes",
    "activation": one_of("sigmoid", "tanh", "relu", "leaky-relu", "softplus", "swish", "identity"),
    "leaky_slope": number_in(0, 1, high_open=True),
    "output": one_of("identity", "sigmoid", "softmax"),
    "cost": one_of("mse", "bce", "cross-entropy"),
    "classification": kind(bool, "true or false"),
    "optimizer.name": one_of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"),
    "optimizer.lr": number_in(0, 1000),
    "optimizer.momentum": number_in(0, 1, high_open=True),
    "optimizer.beta1": number_in(0, 1, high_open=True),
    "optimizer.beta2": number_in(0, 1, high_open=True),
    "optimizer.eps": number_in(0, 1, low_open=True, high_open=True),
    "optimizer.alpha": number_in(0, 1, high_open=True),
    "weight_decay": number_in(0, 10),
    "regularization.kind": one_of("none", "l1", "l2"),
    "regularization.rate": number_in(0, 10),
    "schedule.name": one_of("constant", "step", "exponential", "inverse-time", "cosine", "plateau", "one-cycle"),
    "schedule.warmup": whole(0, BIG),
    "schedule.step": whole(1, BIG),
    "schedule.gamma": number_in(0, 1, low_open=True),
    "schedule.decay": number_in(0, 1e30),
    "schedule.min_lr": number_in(0, 1000),
    "schedule.factor": number_in(0, 1, low_open=True, high_open=True),
    "schedule.patience": whole(0, BIG),
    "epochs": whole(1, BIG),
    "batch": lambda v: None if v is None else whole(1, 2**62)(v),
    "seed": whole(0, 2**63 - 1),
    "data.kind": one_of("tensors", "idx"),
}


def read_settings(path):
    """settings.json: the run's settings as data (its name and paths are plain
    strings), each field checked as nntui checks the setting it came from."""
    try:
        with open(path, encoding="utf-8") as f:
            settings = json.load(f)
    except (OSError, ValueError) as e:
        refuse(f"{path}: cannot be read as settings ({e.__class__.__name__}: {e}).")
    if not isinstance(settings, dict):
        refuse(f"{path}: the settings are not a JSON object.")
    for key, rule in RULES.items():
        value, present = settings, True
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                present = False
                break
            value = value[part]
        if not present and key != "batch":
            refuse(f"{path}: the setting {key} is missing.")
        problem = rule(value if present else None)
        if problem:
            refuse(f"{path}: the setting {key} {problem} (it is {json.dumps(value) if present else 'missing'}).")
    if settings["data"]["kind"] == "idx":
        for key in ("images", "labels"):
            problem = regular_file(settings["data"].get(key))
            if problem:
                refuse(f"{path}: the setting data.{key} {problem}.")
    return settings


SETTINGS = read_settings(os.path.join(HERE, "settings.json"))
RUN = SETTINGS["run"]  # the run's name, written to the log's run column
SIZES = SETTINGS["sizes"]  # N0/.../NL
ACTIVATION = SETTINGS["activation"]  # hidden layers: sigmoid tanh relu leaky-relu softplus swish identity
LEAKY_SLOPE = SETTINGS["leaky_slope"]
OUTPUT = SETTINGS["output"]  # identity | sigmoid | softmax
COST = SETTINGS["cost"]  # mse (1/2 squared error) | bce | cross-entropy
CLASSIFICATION = SETTINGS["classification"]
OPTIMIZER = SETTINGS["optimizer"]  # name, lr, momentum, beta1, beta2, eps, alpha
WEIGHT_DECAY = SETTINGS["weight_decay"]  # on weights only (decoupled for adamw)
REGULARIZATION = SETTINGS["regularization"]  # kind none | l1 | l2, rate: a penalty on the weights in the cost
SCHEDULE = SETTINGS["schedule"]  # name, warmup, step, gamma, decay, min_lr, factor, patience
EPOCHS = SETTINGS["epochs"]
BATCH = SETTINGS.get("batch")  # None (absent): the full batch
SEED = SETTINGS["seed"]
DATA = SETTINGS["data"]  # kind "tensors", or kind "idx" with the images' and labels' paths


def make_model():
    """nn.Sequential of nn.Linear and the hidden activation; the output function is
    folded into the cost (softmax into cross-entropy, sigmoid into BCE)."""
    act = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "softplus": nn.Softplus,
           "swish": nn.SiLU, "identity": nn.Identity,
           "leaky-relu": lambda: nn.LeakyReLU(LEAKY_SLOPE)}[ACTIVATION]
    layers = []
    for i, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
        layers.append(nn.Linear(n_in, n_out))
        if i < len(SIZES) - 2:
            layers.append(act())
    return nn.Sequential(*layers)


def linears(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def load_weights(model, path):
    """nntui's names: layers.{i}.weight [N_(i+1), N_i], layers.{i}.bias."""
    tensors = load_file(path)
    with torch.no_grad():
        for i, layer in enumerate(linears(model)):
            layer.weight.copy_(tensors[f"layers.{i}.weight"])
            layer.bias.copy_(tensors[f"layers.{i}.bias"])


def save_weights(model, path):
    tensors = {}
    for i, layer in enumerate(linears(model)):
        tensors[f"layers.{i}.weight"] = layer.weight.detach().cpu().contiguous()
        tensors[f"layers.{i}.bias"] = layer.bias.detach().cpu().contiguous()
    tmp = path + ".tmp"
    save_file(tensors, tmp, metadata={"producer": "nntui export train.py", "layers": "/".join(map(str, SIZES))})
    os.replace(tmp, path)


def read_idx(path):
    """An unsigned-byte IDX file (plain or gzip, told by its first bytes, not its name)
    as a numpy array of its dimensions."""
    with open(path, "rb") as f:
        compressed = f.read(2) == b"\x1f\x8b"
    with (gzip.open if compressed else open)(path, "rb") as f:
        raw = f.read()
    dims = [int.from_bytes(raw[4 + 4 * k:8 + 4 * k], "big") for k in range(raw[3])]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def load_data():
    """(train_x, train_y, val_x, val_y): x float32 [M, N0], y int64 labels or float32 targets."""
    if DATA["kind"] == "tensors":
        d = load_file(os.path.join(HERE, "data.safetensors"))
        return d["train_x"], d["train_y"], d.get("val_x"), d.get("val_y")
    d = load_file(os.path.join(HERE, "data.safetensors"))
    images = read_idx(DATA["images"]).reshape(-1, SIZES[0]).astype(np.float32)
    labels = torch.from_numpy(read_idx(DATA["labels"]).astype(np.int64))
    x = torch.from_numpy(images) * d["scale"] + d["shift"]
    val = d.get("val_index")
    return (x[d["train_index"]], labels[d["train_index"]],
            x[val] if val is not None else None, labels[val] if val is not None else None)


def targets(y):
    """T as the output needs it: 0/1 for one sigmoid unit, one-hot for several, values for regression."""
    if not CLASSIFICATION:
        return y
    if SIZES[-1] == 1:
        return (y != 0).float().unsqueeze(1)
    return F.one_hot(y, SIZES[-1]).float()


def cost_sum(z, y):
    """The sum over the batch of the per-sample cost C(y, t), from the logits z."""
    if COST == "cross-entropy":
        return F.cross_entropy(z, y, reduction="sum")
    t = targets(y)
    if COST == "bce":
        return F.binary_cross_entropy_with_logits(z, t, reduction="sum")
    out = torch.sigmoid(z) if OUTPUT == "sigmoid" else z
    return 0.5 * ((out - t) ** 2).sum()


def correct(z, y):
    if not CLASSIFICATION:
        return 0
    if SIZES[-1] == 1:
        return int(((torch.sigmoid(z[:, 0]) > 0.5) == (y != 0)).sum())
    return int((z.argmax(dim=1) == y).sum())


def penalty(model):
    """The regularization term of the cost, on the weights only: rate * sum |w| (l1)
    or rate / 2 * sum w^2 (l2); a zero tensor without one."""
    kind, rate = REGULARIZATION["kind"], REGULARIZATION["rate"]
    weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
    if kind == "none" or rate == 0:
        return torch.zeros((), device=weights[0].device)
    if kind == "l1":
        return rate * sum(w.abs().sum() for w in weights)
    return rate / 2 * sum((w * w).sum() for w in weights)


def make_optimizer(model):
    o = OPTIMIZER
    weights = [m.weight for m in linears(model)]
    biases = [m.bias for m in linears(model)]
    groups = [{"params": weights, "weight_decay": WEIGHT_DECAY}, {"params": biases, "weight_decay": 0.0}]
    name, lr = o["name"], o["lr"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(groups, lr=lr, momentum=o["momentum"], nesterov=name == "nesterov")
    if name == "adagrad":
        return torch.optim.Adagrad(groups, lr=lr, eps=o["eps"])
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, lr=lr, alpha=o["alpha"], eps=o["eps"])
    if name == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["eps"])
    if name == "adamw":
        return torch.optim.AdamW(groups, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["eps"])
    raise SystemExit(f"unknown optimizer {name}")


def planned_lr(e, epochs):
    """nntui's schedule at epoch e (0-based), warmup included (plateau: the base rate)."""
    s, l0, E = SCHEDULE, OPTIMIZER["lr"], max(epochs, 1)
    name = s["name"]
    if name == "step":
        lr = l0 * s["gamma"] ** (e // max(s["step"], 1))
    elif name == "exponential":
        lr = l0 * s["gamma"] ** e
    elif name == "inverse-time":
        lr = l0 / (1 + s["decay"] * e)
    elif name == "cosine":
        lr = s["min_lr"] + (l0 - s["min_lr"]) * (1 + math.cos(math.pi * min(e, E) / E)) / 2
    elif name == "one-cycle":
        initial = l0 / 25
        final, up, total = initial / 1e4, max(0.3 * E - 1, 1), max(E - 1, 1)
        anneal = lambda a, b, p: b + (a - b) * (1 + math.cos(math.pi * p)) / 2
        lr = anneal(initial, l0, e / up) if e <= up else anneal(l0, final, min((e - up) / max(total - up, 1), 1))
    else:
        lr = l0
    if s["warmup"] > 0 and e < s["warmup"]:
        lr *= (e + 1) / s["warmup"]
    return lr


class Plateau:
    """ReduceLROnPlateau's rule (mode min, relative threshold 1e-4) on top of a
    warmup, which torch's scheduler cannot combine with."""
    def __init__(self):
        self.multiplier, self.best, self.bad = 1.0, math.inf, 0

    def step(self, loss):
        if loss < self.best * (1 - 1e-4):
            self.best, self.bad = loss, 0
        else:
            self.bad += 1
            if self.bad > SCHEDULE["patience"]:
                self.multiplier *= SCHEDULE["factor"]
                self.bad = 0


def make_schedule(optimizer, epochs):
    """A torch scheduler where one draws nntui's curve exactly, else LambdaLR with
    nntui's formula. Returns (scheduler, per-epoch step taking the monitored loss)."""
    s, l0 = SCHEDULE, OPTIMIZER["lr"]
    name, warm = s["name"], s["warmup"] > 0
    lr_sched = torch.optim.lr_scheduler
    if name == "plateau" and not warm:
        sched = lr_sched.ReduceLROnPlateau(optimizer, mode="min", factor=s["factor"], patience=s["patience"],
                                           threshold=1e-4, min_lr=min(s["min_lr"], l0))
        return lambda loss: sched.step(loss)
    if name == "plateau":
        plateau = Plateau()
        sched = lr_sched.LambdaLR(optimizer, lambda e: max(planned_lr(e, epochs) * plateau.multiplier,
                                                           min(s["min_lr"], planned_lr(e, epochs))) / l0)
        return lambda loss: (plateau.step(loss), sched.step())
    if name == "constant" and not warm:
        return lambda loss: None
    if name == "step" and not warm:
        sched = lr_sched.StepLR(optimizer, step_size=max(s["step"], 1), gamma=s["gamma"])
    elif name == "exponential" and not warm:
        sched = lr_sched.ExponentialLR(optimizer, gamma=s["gamma"])
    elif name == "cosine" and not warm:
        sched = lr_sched.CosineAnnealingLR(optimizer, T_max=max(epochs, 1), eta_min=s["min_lr"])
    else:
        sched = lr_sched.LambdaLR(optimizer, lambda e: planned_lr(e, epochs) / l0)
    return lambda loss: sched.step()


def batches(count, generator):
    """One epoch as index tensors, as nntui's chunker cuts it: a fresh permutation,
    batches of BATCH with one short batch (count mod BATCH) at a random place. The
    full batch keeps the samples' order."""
    if BATCH is None or BATCH >= count:
        return [torch.arange(count)]
    order = torch.randperm(count, generator=generator)
    sizes = [BATCH] * (count // BATCH) + ([count % BATCH] if count % BATCH else [])
    sizes = [sizes[k] for k in torch.randperm(len(sizes), generator=generator).tolist()]
    return list(torch.split(order, sizes))


def evaluate(model, x, y):
    """Mean cost and accuracy over a split, in batches of 512."""
    total, right = 0.0, 0
    with torch.no_grad():
        for k in range(0, len(x), 512):
            z = model(x[k:k + 512])
            total += float(cost_sum(z, y[k:k + 512]))
            right += correct(z, y[k:k + 512])
    return total / len(x), (right / len(x) if CLASSIFICATION else None)


def tensorboard_writer(folder):
    """A SummaryWriter in folder/RUN (the run's name with every character but letters,
    digits, '.', '-' and '_' as '_', as nntui names it), the settings as text at step 0."""
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        refuse("--tensorboard needs the tensorboard package (pip install tensorboard).")
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in RUN)
    writer = SummaryWriter(os.path.join(folder, safe if safe.strip(".") else "run"))
    writer.add_text("settings", "```\n" + json.dumps(SETTINGS, indent=2, sort_keys=True) + "\n```", 0)
    return writer


def number(v):
    return "" if v is None else f"{v:.6g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    # torchrun mistakes --log for its own --log-dir: under torchrun write --csv
    parser.add_argument("--log", "--csv", dest="log", help="per-epoch metrics as nntui's CSV")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--save", default=os.path.join(HERE, "final.safetensors"))
    parser.add_argument("--init", default=os.path.join(HERE, "init.safetensors"),
                        help="starting weights (nntui's names, e.g. from nntui train --save)")
    parser.add_argument("--tensorboard", metavar="DIR",
                        help="TensorBoard event files: the scalars nntui writes, under DIR/RUN")
    args = parser.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1:
        dist.init_process_group("nccl" if args.device == "cuda" else "gloo")
    rank = dist.get_rank() if world > 1 else 0
    device = torch.device(args.device, int(os.environ.get("LOCAL_RANK", "0"))) if args.device == "cuda" \
        else torch.device("cpu")

    train_x, train_y, val_x, val_y = load_data()
    train_x, train_y = train_x.to(device), train_y.to(device)
    if val_x is not None and len(val_x) == 0:
        val_x = val_y = None
    if val_x is not None:
        val_x, val_y = val_x.to(device), val_y.to(device)
    model = make_model().to(device)
    load_weights(model, args.init)
    net = nn.parallel.DistributedDataParallel(model) if world > 1 else model
    optimizer = make_optimizer(model)
    schedule_step = make_schedule(optimizer, args.epochs)
    generator = torch.Generator().manual_seed(SEED)  # the same on every rank: the same batches

    log = writer = None
    if rank == 0 and args.log:
        log = open(args.log, "w", buffering=1, newline="", encoding="utf-8")
        # RFC 4180 as nntui writes it: a field with a comma or a quote is quoted
        writer = csv.writer(log, lineterminator="\n")
        writer.writerow(["run", "epoch", "step", "lr", "train_loss", "train_acc", "val_loss", "val_acc", "seconds"])
    board = None
    if rank == 0 and args.tensorboard:
        board = tensorboard_writer(args.tensorboard)
    step, seconds = 0, 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        lr = optimizer.param_groups[0]["lr"]
        stats = torch.zeros(3, dtype=torch.float64)  # this rank's cost sum, correct, samples
        for batch in batches(len(train_x), generator):
            mine = batch.tensor_split(world)[rank].to(device)
            z = net(train_x[mine])
            c = cost_sum(z, train_y[mine])
            r = penalty(model)
            # DDP averages the ranks' gradients: scaled so the result is the global batch's mean
            # (every rank adds the same penalty, so its gradient averages to itself)
            optimizer.zero_grad(set_to_none=True)
            (c * world / len(batch) + r).backward()
            optimizer.step()
            cost = float(c.detach()) + float(r.detach()) * len(mine)  # the penalty counts once per sample, as nntui's mean
            stats += torch.tensor([cost, correct(z.detach(), train_y[mine]), len(mine)], dtype=torch.float64)
            step += 1
        if world > 1:
            dist.all_reduce(stats)
        train_loss = float(stats[0] / stats[2])
        if not math.isfinite(train_loss):
            print(f"train.py: the run diverged at epoch {epoch}: the training loss is {train_loss}; lower the learning rate.",
                  file=sys.stderr)
            sys.exit(1)
        train_acc = float(stats[1] / stats[2]) if CLASSIFICATION else None
        val_loss, val_acc = evaluate(model, val_x, val_y) if val_x is not None else (None, None)
        schedule_step(val_loss if val_loss is not None else train_loss)
        seconds += time.perf_counter() - start
        if rank == 0:
            if writer:
                writer.writerow([RUN, str(epoch), str(step), number(lr), number(train_loss), number(train_acc),
                                 number(val_loss), number(val_acc), f"{seconds:.4f}"])
            if board:
                scalars = {"loss/train": train_loss, "learning_rate": lr, "loss/validation": val_loss,
                           "accuracy/train": train_acc, "accuracy/validation": val_acc}
                for tag, value in scalars.items():
                    if value is not None:
                        board.add_scalar(tag, value, epoch)
                board.flush()
            print(f"epoch {epoch}/{args.epochs}  lr {lr:.6g}  loss {train_loss:.6g}"
                  + (f"  val_loss {val_loss:.6g}" if val_loss is not None else ""), flush=True)
    if rank == 0:
        final_loss, final_acc = evaluate(model, train_x, train_y)
        print(f"final train_loss {final_loss:.8g}" + (f"  train_acc {final_acc:.6g}" if final_acc is not None else ""))
        save_weights(model, args.save)
        if log:
            log.close()
        if board:
            board.close()
    if world > 1:
        # every rank leaves together, and without the interpreter's teardown: under
        # load gloo's threads abort a rank (std::terminate) while it is destroyed
        dist.barrier()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    main()
