"""A small heteroscedastic network: photo readings → girths with a per-person spread.

Multi-output MLP (two hidden layers, SiLU) predicting for every target a mean and a log
standard deviation, trained with the Gaussian negative log-likelihood (Nix & Weigend 1994;
Kendall & Gal 2017), the spread's gradient down-weighted as in β-NLL (Seitzer et al. 2022,
β = 0.5) so that hard cases do not stop the mean from being learned. An ensemble of a few
seeds is averaged (Lakshminarayanan et al. 2017). The spread says which captures are hard
(arms against the body, loose clothes, a steep camera); the conformal step in
``photo_model.py`` turns it into calibrated 90 % intervals.

Plain numpy in, numpy out; torch stays inside this module. CPU training of ~20k rows takes
about a minute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn


class _MLP(nn.Module):
    def __init__(self, n_in: int, n_out: int, width: int, dropout: float) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(n_in, width), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(width, width), nn.SiLU(), nn.Dropout(dropout),
            nn.Linear(width, 2 * n_out + 1))
        self.n_out = n_out

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        out = self.body(x)
        n = self.n_out
        return out[:, :n], out[:, n : 2 * n].clamp(-6.0, 4.0), out[:, 2 * n]


@dataclass
class NetConfig:
    """``samples``: rows seen per member (a fixed budget: epochs = samples / rows)."""

    width: int = 256
    dropout: float = 0.05
    samples: int = 2_000_000
    batch: int = 256
    lr: float = 1e-3
    weight_decay: float = 1e-4
    beta: float = 0.5
    members: int = 3
    seed: int = 0


class HeteroscedasticNet:
    """scikit-learn style: ``fit(X, Y, flag)`` learns, ``predict(X)`` → (mean, sd) in Y's
    units; ``flag`` (1/0, NaN unknown) trains an extra logistic output, ``predict_full(X)``.

    ``X`` may hold NaN (missing readings): inputs are standardised on the finite values,
    NaN becomes 0 and a missing-indicator column is added for each column that had any."""

    def __init__(self, config: NetConfig | None = None) -> None:
        self.config = config or NetConfig()

    def _inputs(self, x: np.ndarray) -> torch.Tensor:
        z = (x - self.x_mean_) / self.x_scale_
        miss = ~np.isfinite(z)
        z = np.where(miss, 0.0, z)
        z = np.hstack([z, miss[:, self.miss_cols_].astype(float)])
        return torch.as_tensor(z, dtype=torch.float32)

    def fit(self, x: np.ndarray, y: np.ndarray, flag: np.ndarray | None = None,
            progress: bool = False) -> HeteroscedasticNet:
        cfg = self.config
        finite = np.isfinite(x)
        count = np.maximum(finite.sum(0), 1)
        self.x_mean_ = np.where(finite, x, 0.0).sum(0) / count
        var = (np.where(finite, x - self.x_mean_, 0.0) ** 2).sum(0) / count
        self.x_scale_ = np.sqrt(var) + 1e-6
        self.miss_cols_ = np.flatnonzero((~np.isfinite(x)).any(axis=0))
        self.y_mean_, self.y_scale_ = y.mean(0), y.std(0) + 1e-6
        xt = self._inputs(x)
        yt = torch.as_tensor((y - self.y_mean_) / self.y_scale_, dtype=torch.float32)
        ft = torch.as_tensor(np.full(len(y), np.nan) if flag is None else flag, dtype=torch.float32)
        self.has_flag_ = bool(torch.isfinite(ft).any())
        self.members_: list[_MLP] = []
        torch.set_num_threads(max(1, torch.get_num_threads()))
        for m in range(cfg.members):
            gen = torch.Generator().manual_seed(cfg.seed * 100 + m)
            torch.manual_seed(cfg.seed * 100 + m)
            net = _MLP(xt.shape[1], yt.shape[1], cfg.width, cfg.dropout)
            opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
            per_epoch = int(np.ceil(len(xt) / cfg.batch))
            epochs = max(1, round(cfg.samples / len(xt)))
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr,
                                                        total_steps=epochs * per_epoch)
            net.train()
            for _epoch in range(epochs):
                order = torch.randperm(len(xt), generator=gen)
                for i in range(0, len(xt), cfg.batch):
                    idx = order[i : i + cfg.batch]
                    mean, log_sd, logit = net(xt[idx])
                    var = torch.exp(2 * log_sd)
                    nll = 0.5 * ((yt[idx] - mean) ** 2 / var + 2 * log_sd)
                    loss = (nll * var.detach() ** cfg.beta).mean()
                    known = torch.isfinite(ft[idx])
                    if known.any():
                        loss = loss + 0.1 * nn.functional.binary_cross_entropy_with_logits(
                            logit[known], ft[idx][known])
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
                    sched.step()
            net.eval()
            self.members_.append(net)
        return self

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mu, sd, _ = self.predict_full(x)
        return mu, sd

    def predict_full(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """(mean, sd, P(flag) or None) per row from one pass through every member; sd adds
        the members' disagreement to their mean variance."""
        xt = self._inputs(np.atleast_2d(x))
        with torch.no_grad():
            outs = [net(xt) for net in self.members_]
        means = torch.stack([o[0] for o in outs])
        var = torch.stack([torch.exp(2 * o[1]) for o in outs])
        mean = means.mean(0)
        total = var.mean(0) + means.var(0, unbiased=False)  # aleatoric + disagreement
        mu = mean.numpy() * self.y_scale_ + self.y_mean_
        sd = np.sqrt(total.numpy()) * self.y_scale_
        flag = (np.asarray(torch.stack([torch.sigmoid(o[2]) for o in outs]).mean(0).numpy())
                if self.has_flag_ else None)
        return mu, sd, flag
