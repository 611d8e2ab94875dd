"""The same GAN as PlainTorchSharpGan.cs, in PyTorch: ring data, latent 4, 3x128 ReLU MLPs, Adam (lr 1e-3, betas
0.5/0.999), the non-saturating loss, both losses read back every round. Run by `OrleansGan.Benchmarks speed` as a
process of its own; prints one line "rounds/s X".

usage: python3 plain_gan.py --batch 256 --rounds 300 --warm-up 300 --protocol simultaneous|alternating [--threads 1]
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F
from torch import nn

p = argparse.ArgumentParser()
p.add_argument("--batch", type=int, default=256)
p.add_argument("--rounds", type=int, default=300)
p.add_argument("--protocol", default="simultaneous", choices=["simultaneous", "alternating"])
p.add_argument("--threads", type=int, default=None)
p.add_argument("--warm-up", type=int, default=None)
p.add_argument("--net", default="mlp", choices=["mlp", "dcgan"])
a = p.parse_args()
if a.threads is not None:
    torch.set_num_threads(a.threads)

torch.manual_seed(1)


def mlp(i, o):
    return nn.Sequential(nn.Linear(i, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, o))


B = a.batch
if a.net == "dcgan":
    # docs/specs/dcgan-mnist.yaml (as Baselines/PlainTorchSharpDcgan.cs). The minibatches are 10,000 uniform images
    # in [-1, 1] of MNIST's shape, not the digits: a round's cost does not depend on the pixels' values.
    LATENT = 100
    g = nn.Sequential(nn.Linear(100, 128 * 49), nn.Unflatten(1, (128, 7, 7)), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh(), nn.Flatten())
    d = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                      nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 49, 1))
    lr = 2e-4
    images = torch.rand(10000, 784) * 2 - 1

    def real():
        return images[torch.randint(0, 10000, (B,))]
else:
    LATENT = 4
    g, d = mlp(4, 2), mlp(2, 1)
    lr = 1e-3
    angles = torch.arange(8, dtype=torch.float32) * (2 * math.pi / 8)
    modes = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], 1)

    def real():
        return modes[torch.randint(0, 8, (B,))] + 0.02 * torch.randn(B, 2)
g_params = list(g.parameters())
opt_g = torch.optim.Adam(g_params, lr, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(d.parameters(), lr, betas=(0.5, 0.999))


def play_round():
    if a.protocol == "alternating":
        with torch.no_grad():
            fake = g(torch.randn(B, LATENT))
        loss_d = 0.5 * (F.softplus(-d(real())).mean() + F.softplus(d(fake)).mean())
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = 0.5 * F.softplus(-d(g(torch.randn(B, LATENT)))).mean()
        opt_g.zero_grad()
        loss_g.backward(inputs=g_params)
        opt_g.step()
    else:
        fake = g(torch.randn(B, LATENT))
        loss_d = 0.5 * (F.softplus(-d(real())).mean() + F.softplus(d(fake.detach())).mean())
        loss_g = 0.5 * F.softplus(-d(fake)).mean()
        opt_d.zero_grad()
        opt_g.zero_grad()
        loss_g.backward(inputs=g_params)
        loss_d.backward()
        opt_d.step()
        opt_g.step()
    return loss_d.item() + loss_g.item()


for _ in range(a.warm_up if a.warm_up is not None else max(300, a.rounds // 10)):
    play_round()
start = time.perf_counter()
total = 0.0
for _ in range(a.rounds):
    total += play_round()
print(f"rounds/s {a.rounds / (time.perf_counter() - start):.2f} (losses {total / a.rounds:.3f}, threads {torch.get_num_threads()})")
