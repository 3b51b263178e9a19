"""The PyTorch peer of `nntui bench --preset fashion-mnist`: 784/100/10 relu,
(or --layers), softmax cross-entropy, Adam (lr 1e-3), shuffled mini-batches, 60,000
samples. Prints one JSON object with nntui bench's keys. Runs in the benchmark
environment (make bench-env)."""
import json

import torch

from fashion_data import arguments, flops_per_sample, load, time_epochs

args = arguments()

x, y = load()
x, y = torch.from_numpy(x), torch.from_numpy(y)
torch.manual_seed(1)
sizes = args.sizes
layers = []
for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
    layers += [torch.nn.Linear(n_in, n_out)] + ([torch.nn.ReLU()] if i < len(sizes) - 2 else [])
model = torch.nn.Sequential(*layers)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
n = len(x)


def step(idx):
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    opt.step()


median = time_epochs(step, n, args.batch, args.epochs, args.max_steps, permutation=torch.randperm)
print(json.dumps({"peer": "pytorch", "epoch_seconds": median, "samples_per_second": n / median,
                  "gflops": flops_per_sample(sizes) * n / median / 1e9, "batch": args.batch,
                  "layers": args.layers, "optimizer": "adam", "threads": torch.get_num_threads()}))
