#!/usr/bin/env python3
"""nntui's comparison as a Ray Tune sweep: every (variant, seed) one trial.

Written by `nntui export --out DIR` with --vary, --optimizers or --compare and --seeds:
each trial is the exported PyTorch program with its own settings (DIR/trials/NNN/:
train.py, settings.json, its initial weights and data), run in a process of its own
on the local machine, or on the Ray cluster RAY_ADDRESS names (the folder is sent to
it). Every epoch a trial reports is appended, as it arrives, to one CSV log with
nntui's columns plus variant and seed:

    python sweep.py [--log sweep.csv] [--epochs N] [--cpus-per-trial 1]
    nntui watch sweep.csv            # follows the trials live
    nntui compare --from sweep.csv   # each variant over its seeds, and the verdicts

The list of trials is read from sweep.json beside this file, as data; this program is
the same for every sweep.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ["run", "epoch", "step", "lr", "train_loss", "train_acc", "val_loss", "val_acc", "seconds"]
MOST_TRIALS = 1000


def refuse(sentence):
    print(f"sweep.py: {sentence}", file=sys.stderr)
    sys.exit(2)


def read_sweep(path):
    """sweep.json: {"trials": [{"folder": "trials/001", "variant": "...", "seed": 1}, ...]}, checked."""
    try:
        with open(path, encoding="utf-8") as f:
            sweep = json.load(f)
    except (OSError, ValueError) as e:
        refuse(f"{path}: cannot read the sweep's trials: {e}.")
    trials = sweep.get("trials") if isinstance(sweep, dict) else None
    if not isinstance(trials, list) or not 1 <= len(trials) <= MOST_TRIALS:
        refuse(f"{path}: \"trials\" must be a list of 1 to {MOST_TRIALS} trials.")
    for k, t in enumerate(trials):
        folder = t.get("folder") if isinstance(t, dict) else None
        if not isinstance(folder, str) or not folder.startswith("trials/") or ".." in folder.split("/"):
            refuse(f"{path}: trial {k + 1}'s folder must be a folder under trials/.")
        if not isinstance(t.get("variant"), str) or not t["variant"]:
            refuse(f"{path}: trial {k + 1}'s variant must be a name.")
        if not isinstance(t.get("seed"), int) or isinstance(t["seed"], bool) or t["seed"] < 0:
            refuse(f"{path}: trial {k + 1}'s seed must be a whole number, 0 or more.")
        if not os.path.isfile(os.path.join(HERE, folder, "train.py")):
            refuse(f"{path}: trial {k + 1} has no {folder}/train.py.")
    return trials


def new_rows(path, state):
    """The complete CSV rows written to `path` since the last call (`state` keeps the offset
    and any partial last line); the header is skipped."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            f.seek(state["offset"])
            text = f.read()
            state["offset"] = f.tell()
    except FileNotFoundError:
        return []
    text = state["partial"] + text
    lines = text.split("\n")
    state["partial"] = lines.pop()
    rows = [r for r in csv.reader(lines) if r]
    if rows and rows[0] == COLUMNS:
        rows = rows[1:]
    return rows


def run_trial(config):
    """One trial: its train.py in a process of its own on this worker's CPU, each
    epoch's log row reported to the driver as soon as it is written."""
    from ray import tune
    report = getattr(tune, "report", None)
    if report is None:
        from ray.train import report
    trial = config["trial"]
    folder = os.path.join(config["root"], trial["folder"])
    with tempfile.TemporaryDirectory() as scratch:
        log = os.path.join(scratch, "trial.csv")
        command = [sys.executable, os.path.join(folder, "train.py"), "--log", log, "--device", "cpu",
                   "--save", os.path.join(scratch, "final.safetensors")]
        if config["epochs"]:
            command += ["--epochs", str(config["epochs"])]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        state = {"offset": 0, "partial": ""}
        while True:
            done = process.poll() is not None
            for row in new_rows(log, state):
                # the row as train.py wrote it (one text, so Tune's loggers pass it by)
                report({"epoch": int(row[1]), "row": json.dumps(row)})
            if done:
                break
            time.sleep(0.05)
        if process.returncode != 0:
            why = (process.stderr.read().strip().splitlines() or ["no message"])[-1]
            raise RuntimeError(f"{trial['variant']} seed {trial['seed']}: train.py stopped ({why})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", default="sweep.csv", help="the gathered CSV log (nntui's columns, variant, seed)")
    parser.add_argument("--epochs", type=int, default=0, help="epochs per trial (default: each trial's own)")
    parser.add_argument("--cpus-per-trial", type=float, default=1.0)
    args = parser.parse_args()
    if args.epochs < 0 or args.cpus_per_trial <= 0:
        refuse("--epochs must be 0 or more and --cpus-per-trial more than 0.")
    trials = read_sweep(os.path.join(HERE, "sweep.json"))
    # the log's header before Ray starts: the log can be written, and a watcher finds it
    try:
        with open(args.log, "w", newline="", encoding="utf-8") as out:
            csv.writer(out, lineterminator="\n").writerow(COLUMNS + ["variant", "seed"])
    except OSError as e:
        refuse(f"--log {args.log}: cannot write the log: {e.strerror}.")
    log = os.path.abspath(args.log)

    os.environ.setdefault("RAY_AIR_NEW_OUTPUT", "0")
    import ray
    from ray import tune
    try:
        from ray.tune import RunConfig
    except ImportError:
        from ray.train import RunConfig

    cluster = os.environ.get("RAY_ADDRESS")
    if cluster:
        # the trials' folders go to the cluster: workers run from a copy of this one
        ray.init(address=cluster, runtime_env={"working_dir": HERE}, log_to_driver=False)
        root = "."
    else:
        ray.init(include_dashboard=False, log_to_driver=False, num_cpus=os.cpu_count())
        root = HERE


    class Gather(tune.Callback):
        """Appends each epoch a trial reports to the log, with its variant and seed, at once
        (`nntui watch` follows it)."""

        def on_trial_result(self, iteration, trials, trial, result, **info):
            t = trial.config["trial"]
            with open(log, "a", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerow(json.loads(result["row"]) + [t["variant"], str(t["seed"])])

    with tempfile.TemporaryDirectory() as storage:
        tuner = tune.Tuner(
            tune.with_resources(run_trial, {"cpu": args.cpus_per_trial}),
            param_space={"trial": tune.grid_search(trials), "root": root, "epochs": args.epochs},
            run_config=RunConfig(name="nntui-sweep", storage_path=storage, callbacks=[Gather()], verbose=0),
        )
        results = tuner.fit()
        failed = [r.error for r in results if r.error]
    ray.shutdown()
    if failed:
        print(f"sweep.py: {len(failed)} of {len(trials)} trials failed; the first: {failed[0]}", file=sys.stderr)
        sys.exit(1)
    print(f"wrote {args.log}: {len(trials)} trials; nntui compare --from {args.log} gives each variant over its seeds")


if __name__ == "__main__":
    main()
