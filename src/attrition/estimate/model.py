"""The fusion model: a latent daily loss rate observed through every claim (see docs/estimate.md).

Parameters (one vector ``x``):

- ``theta[w]``: log of the daily casualty rate in week ``w`` since the conflict's start (constant
  within a week); a Gaussian random walk links consecutive weeks;
- ``b[s]``: each source's log bias, N(0, tau^2) with a wider tau for a party to the conflict;
- ``lam``: the logit of the killed share of casualties (killed claims observe share x casualties);
- ``d[k]``: for a source's killed figures, a deviation from that source's bias (a source may count
  its "killed" differently: the Ukrainian General Staff's "liquidated" is its casualty count);
- ``log_sigma[k]``: the log of the noise each source's claims of a metric have beyond their stated
  precision (a source repeating one consistent series earns a small noise, a scattered one a large).

A claim observes ``m = log(P * scale * factor) + b[source]`` with noise ``sigma_i`` where ``P`` is
the casualties between its start and end days (the difference of the cumulative curve), ``scale``
turns a total into a rate where the claim is a rate, and ``factor`` is the killed share for
killed claims. Point figures are Gaussian in log space; "over"/"at least" and "nearly"/"up to"
are one-sided (censored); ranges are intervals. The fit is the posterior mode (L-BFGS with an
analytic gradient) with a Laplace approximation (the Hessian by differences of the gradient).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import log_ndtr

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741

POINT, LOWER, UPPER, INTERVAL = 0, 1, 2, 3
LOG_2PI_HALF = 0.5 * math.log(2 * math.pi)


@dataclass(frozen=True)
class Priors:
    step_sd: float = 0.08  # weekly change of the log rate
    level_sd: float = 3.0  # the first week's log rate around the data's own level
    tau_neutral: float = 0.15  # log bias of a source that is not a party
    tau_party: float = 0.5  # log bias of a party to the conflict
    share_mean: float = 0.25  # killed share of casualties
    share_sd: float = 0.75  # in logit units
    sigma_mean: float = 0.08  # noise beyond stated precision
    sigma_sd: float = 0.6  # in log units
    metric_sd: float = 0.3  # how far a source's killed figures may stray from its casualty bias


@dataclass
class Observations:
    """Claims as arrays (one entry per distinct claim)."""

    s: I  # first day counted (days since the conflict's start, >= 0)
    e: I  # last day counted
    log_scale: F  # log of (per_days / days) for a rate, 0 for a total
    killed: NDArray[np.bool_]  # observes the killed share times casualties
    src: I  # source index
    kind: I  # POINT, LOWER, UPPER, INTERVAL
    y: F  # log value (POINT, LOWER, UPPER) or log low (INTERVAL)
    y2: F  # log high (INTERVAL), else unused
    extra: F  # stated-precision noise of the claim (log units)

    def __post_init__(self) -> None:
        self.where = {k: np.flatnonzero(self.kind == k) for k in (POINT, LOWER, UPPER, INTERVAL)}

    def __len__(self) -> int:
        return len(self.s)


@dataclass
class Layout:
    """Where each parameter sits in ``x``: the weekly log rates, a bias per source, the killed
    share, a deviation per (source, metric) key from its source's bias, a noise per key."""

    weeks: int
    party: NDArray[np.bool_]  # per source
    key_base: I  # per key: its source
    key_killed: NDArray[np.bool_]  # per key: a killed key (casualty keys have no deviation)

    @property
    def bases(self) -> int:
        return len(self.party)

    @property
    def keys(self) -> int:
        return len(self.key_base)

    @property
    def lam(self) -> int:
        return self.weeks + self.bases

    @property
    def dev(self) -> int:
        return self.lam + 1

    @property
    def noise(self) -> int:
        return self.dev + self.keys

    @property
    def size(self) -> int:
        return self.noise + self.keys

    def split(self, x: F) -> tuple[F, F, float, F, F]:
        return (
            x[: self.weeks],
            x[self.weeks : self.lam],
            float(x[self.lam]),
            x[self.dev : self.noise],
            x[self.noise :],
        )


def cumulative(theta: F, days: I) -> tuple[F, F, I]:
    """Cumulative casualties through the end of each of ``days`` (-1 gives 0), with the weekly
    cumulative K and the week index of each day (for the gradient)."""
    r = np.exp(theta)
    k = np.concatenate(([0.0], np.cumsum(7.0 * r)[:-1]))
    d = np.maximum(days, 0)
    w = np.minimum(d // 7, len(theta) - 1)
    cum = k[w] + (d - 7 * w + 1) * r[w]
    return np.where(days < 0, 0.0, cum), k, w


def _obs_nll(m: F, sig: F, obs: Observations, second: bool = False) -> tuple[F, F, F, F]:
    """Negative log-likelihood of each claim, its derivatives in m and sigma, and (with
    ``second``) its second derivative in m."""
    nll = np.zeros_like(m)
    dm = np.zeros_like(m)
    ds = np.zeros_like(m)
    d2 = np.zeros_like(m) if second else dm
    p = obs.where[POINT]
    if len(p):
        sp = sig[p]
        z = (m[p] - obs.y[p]) / sp
        nll[p] = 0.5 * z * z + np.log(sp) + LOG_2PI_HALF
        dm[p] = z / sp
        ds[p] = (1.0 - z * z) / sp
        if second:
            d2[p] = 1.0 / (sp * sp)
    for k, sign in ((LOWER, 1.0), (UPPER, -1.0)):
        q = obs.where[k]
        if len(q):
            sq = sig[q]
            u = sign * (m[q] - obs.y[q]) / sq
            lp = log_ndtr(u)
            ratio = np.exp(-0.5 * u * u - LOG_2PI_HALF - lp)  # phi(u) / Phi(u)
            nll[q] = -lp
            dm[q] = -sign * ratio / sq
            ds[q] = ratio * u / sq
            if second:
                d2[q] = ratio * (u + ratio) / (sq * sq)
    q = obs.where[INTERVAL]
    if len(q):
        sq = sig[q]
        a = (obs.y2[q] - m[q]) / sq
        b = (obs.y[q] - m[q]) / sq
        # P = Phi(a) - Phi(b), computed on the side where it does not cancel.
        flip = b > 0
        hi = np.where(flip, -b, a)
        lo = np.where(flip, -a, b)
        la, lb = log_ndtr(hi), log_ndtr(lo)
        logp = la + np.log1p(-np.exp(np.minimum(lb - la, -1e-12)))
        pa = np.exp(-0.5 * a * a - LOG_2PI_HALF - logp)
        pb = np.exp(-0.5 * b * b - LOG_2PI_HALF - logp)
        nll[q] = -logp
        dm[q] = (pa - pb) / sq
        ds[q] = (pa * a - pb * b) / sq
        if second:
            d2[q] = (a * pa - b * pb + (pa - pb) ** 2) / (sq * sq)
    return nll, dm, ds, d2


def _means(x: F, obs: Observations, lay: Layout) -> tuple[F, F, F, I, I, float]:
    """Each claim's mean m (log), its total P, the days' weeks, and the killed share."""
    theta, b, lam, d, _ = lay.split(x)
    cum_e, _, we = cumulative(theta, obs.e)
    cum_s, _, ws = cumulative(theta, obs.s - 1)
    total = np.maximum(cum_e - cum_s, 1e-9)
    share = 1.0 / (1.0 + math.exp(-lam))
    base = lay.key_base[obs.src]
    m = np.log(total) + obs.log_scale + b[base] + d[obs.src] + np.where(obs.killed, math.log(share), 0.0)
    return m, total, np.asarray(base), we, ws, share


def _dev_sd(lay: Layout, pri: Priors) -> F:
    # A casualty key has no deviation of its own: a tight prior holds it at its source's bias.
    return np.where(lay.key_killed, pri.metric_sd, 0.01)


def objective(x: F, obs: Observations, lay: Layout, pri: Priors, level: float) -> tuple[float, F]:
    """Negative log posterior and its gradient."""
    theta, b, lam, d, log_sigma = lay.split(x)
    w_count = lay.weeks
    m, total, base, we, ws, share = _means(x, obs, lay)
    sigma_key = np.exp(log_sigma)[obs.src]
    sig = np.sqrt(sigma_key * sigma_key + obs.extra * obs.extra)
    nll, dm, ds, _ = _obs_nll(m, sig, obs)
    f = float(nll.sum())
    g = np.zeros_like(x)
    # d m / d P = 1 / P; P = Cum(e) - Cum(s - 1)
    gp = dm / total
    r = np.exp(theta)
    de = obs.e - 7 * we + 1
    valid_s = obs.s - 1 >= 0
    ds_days = np.maximum(obs.s - 1, 0) - 7 * ws + 1
    g_k: F = np.bincount(we, weights=gp, minlength=w_count).astype(float)
    g_r: F = np.bincount(we, weights=gp * de, minlength=w_count).astype(float)
    g_k -= np.bincount(ws, weights=np.where(valid_s, gp, 0.0), minlength=w_count)
    g_r -= np.bincount(ws, weights=np.where(valid_s, gp * ds_days, 0.0), minlength=w_count)
    # K_w = 7 * sum of r before w: each r_w' feeds every later K.
    suffix = np.concatenate((np.cumsum(g_k[::-1])[::-1][1:], [0.0]))
    g_r += 7.0 * suffix
    g[:w_count] = g_r * r
    g[w_count : lay.lam] = np.bincount(base, weights=dm, minlength=lay.bases)
    g[lay.lam] = float(np.sum(np.where(obs.killed, dm, 0.0))) * (1.0 - share)
    g[lay.dev : lay.noise] = np.bincount(obs.src, weights=dm, minlength=lay.keys)
    g[lay.noise :] = np.bincount(obs.src, weights=ds * sigma_key * sigma_key / sig, minlength=lay.keys)
    # Priors.
    steps = np.diff(theta)
    f += float(0.5 * np.sum(steps * steps) / pri.step_sd**2)
    gs = steps / pri.step_sd**2
    g[: w_count - 1] -= gs
    g[1:w_count] += gs
    f += 0.5 * (theta[0] - level) ** 2 / pri.level_sd**2
    g[0] += (theta[0] - level) / pri.level_sd**2
    tau = np.where(lay.party, pri.tau_party, pri.tau_neutral)
    f += float(0.5 * np.sum(b * b / tau**2))
    g[w_count : lay.lam] += b / tau**2
    lam0 = math.log(pri.share_mean / (1 - pri.share_mean))
    f += 0.5 * (lam - lam0) ** 2 / pri.share_sd**2
    g[lay.lam] += (lam - lam0) / pri.share_sd**2
    dsd = _dev_sd(lay, pri)
    f += float(0.5 * np.sum(d * d / dsd**2))
    g[lay.dev : lay.noise] += d / dsd**2
    dls = log_sigma - math.log(pri.sigma_mean)
    f += float(0.5 * np.sum(dls * dls) / pri.sigma_sd**2)
    g[lay.noise :] += dls / pri.sigma_sd**2
    return f, g


@dataclass
class Fit:
    x: F
    cov: F
    layout: Layout
    obs: Observations
    level: float
    converged: bool
    iterations: int


def start_level(obs: Observations) -> float:
    """A first guess of the log daily rate: the median of the claims' implied daily rates."""
    days = (obs.e - obs.s + 1).astype(float)
    guess = obs.y - np.where(obs.log_scale != 0, obs.log_scale + np.log(days), np.log(days))
    guess = np.where(obs.killed, guess - math.log(0.25), guess)
    return float(np.median(guess)) if len(guess) else 5.0


def fit(obs: Observations, lay: Layout, pri: Priors | None = None) -> Fit:
    """The posterior mode and a Laplace approximation of the posterior around it."""
    pri = pri or Priors()
    level = start_level(obs)
    x0 = np.zeros(lay.size)
    x0[: lay.weeks] = level
    x0[lay.lam] = math.log(pri.share_mean / (1 - pri.share_mean))
    x0[lay.noise :] = math.log(pri.sigma_mean)
    res = minimize(
        objective,
        x0,
        args=(obs, lay, pri, level),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 5000, "maxcor": 30, "ftol": 1e-11, "gtol": 1e-6},
    )
    x = np.asarray(res.x, dtype=float)
    h = hessian(x, obs, lay, pri, level)
    cov = _inverse(h)
    return Fit(x, cov, lay, obs, level, bool(res.success), int(res.nit))


def hessian(x: F, obs: Observations, lay: Layout, pri: Priors, level: float, eps: float = 1e-5) -> F:
    """The Hessian of the negative log posterior at ``x``: Gauss-Newton for the claims (J' W J with
    the exact second derivative of each claim's likelihood in its own mean), the priors exactly,
    and the noise parameters' rows by differences of the analytic gradient."""
    theta = x[: lay.weeks]
    _, _, _, _, log_sigma = lay.split(x)
    w_count = lay.weeks
    r = np.exp(theta)
    m, total, base, we, ws, share = _means(x, obs, lay)
    sigma_key = np.exp(log_sigma)[obs.src]
    sig = np.sqrt(sigma_key * sigma_key + obs.extra * obs.extra)
    _, _, _, d2 = _obs_nll(m, sig, obs, second=True)
    # d Cum(t) / d r_w: 7 for the weeks before t's, the days so far of t's own week.
    weeks = np.arange(w_count)
    valid_s = (obs.s - 1 >= 0)[:, None]
    de = (obs.e - 7 * we + 1)[:, None]
    dsd = (np.maximum(obs.s - 1, 0) - 7 * ws + 1)[:, None]
    a_e = np.where(weeks < we[:, None], 7.0, 0.0) + np.where(weeks == we[:, None], de, 0.0)
    a_s = np.where(weeks < ws[:, None], 7.0, 0.0) + np.where(weeks == ws[:, None], dsd, 0.0)
    n = lay.size
    n_mean = lay.noise  # the parameters the claims' means depend on
    rows = np.arange(len(obs))
    j = np.zeros((len(obs), n_mean))
    j[:, :w_count] = (a_e - np.where(valid_s, a_s, 0.0)) * (r / total[:, None])
    j[rows, w_count + base] = 1.0
    j[:, lay.lam] = np.where(obs.killed, 1.0 - share, 0.0)
    j[rows, lay.dev + obs.src] = 1.0
    h = np.zeros((n, n))
    h[:n_mean, :n_mean] = (j * d2[:, None]).T @ j
    # Priors: the random walk (tridiagonal), the first level, biases, share, deviations.
    k = 1.0 / pri.step_sd**2
    diag = np.full(w_count, 2 * k)
    diag[0] = diag[-1] = k
    if w_count == 1:
        diag[0] = 0.0
    h[weeks, weeks] += diag
    h[weeks[:-1], weeks[:-1] + 1] -= k
    h[weeks[:-1] + 1, weeks[:-1]] -= k
    h[0, 0] += 1.0 / pri.level_sd**2
    tau = np.where(lay.party, pri.tau_party, pri.tau_neutral)
    idx = w_count + np.arange(lay.bases)
    h[idx, idx] += 1.0 / tau**2
    h[lay.lam, lay.lam] += 1.0 / pri.share_sd**2
    idx = lay.dev + np.arange(lay.keys)
    h[idx, idx] += 1.0 / _dev_sd(lay, pri) ** 2
    # The noise parameters: their rows from differences of the gradient.
    for i in range(n_mean, n):
        step = np.zeros(n)
        step[i] = eps
        _, gp = objective(x + step, obs, lay, pri, level)
        _, gm = objective(x - step, obs, lay, pri, level)
        col = (gp - gm) / (2 * eps)
        h[:, i] = col
        h[i, :] = col
    return h


def _inverse(h: F) -> F:
    """The covariance from the Hessian; a nearly flat direction gets a small ridge, not a crash."""
    w, v = np.linalg.eigh(h)
    w = np.maximum(w, 1e-6)
    return np.asarray((v / w) @ v.T, dtype=float)
