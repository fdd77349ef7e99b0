"""The fusion model: a latent daily loss rate observed through every claim (see docs/estimate.md).

Parameters (one vector ``x``):

- ``theta[w]``: log of the daily casualty rate in week ``w`` since the conflict's start (constant
  within a week); a Gaussian random walk links consecutive weeks;
- ``mu[w]``: log of the killed share of casualties in week ``w``, a slower random walk (killed
  claims observe the killed curve, whose log rate is ``theta + mu``);
- ``b[s]``: each source's log bias, N(0, tau^2) with a wider tau for a party to the conflict;
- ``d[k]``: for a source's killed figures, a deviation from that source's bias (a source may count
  its "killed" differently: the Ukrainian General Staff's "liquidated" is its casualty count);
- ``log_sigma[k]``: the log of the noise each source's claims of a metric have beyond their stated
  precision (a source repeating one consistent series earns a small noise, a scattered one a large).

A claim observes ``m = log(P * scale) + b[source] + d[key]`` with noise ``sigma_i`` where ``P`` is
the casualties (or the killed) between its start and end days (the difference of the cumulative
curve) and ``scale`` turns a total into a rate where the claim is a rate. The noise is Student-t
in log space (``Priors.noise_df`` degrees of freedom, 4; infinite gives the normal): a few claims
far from the others (a source's figure under another definition, an intelligence estimate from a
different year's consensus) are discounted rather than dragging the level and the shared biases.
Point figures have the t density; "over"/"at least" and "nearly"/"up to" are one-sided
(censored, the t CDF); ranges are intervals (the difference of two CDFs). The fit is the
posterior mode (L-BFGS with an analytic gradient) with a Laplace approximation whose claims' part
is Gauss-Newton with the t's expected (Fisher) information, which stays positive definite where
the t's observed curvature would not.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import gammaln, log_ndtr, stdtr

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741

POINT, LOWER, UPPER, INTERVAL = 0, 1, 2, 3
FTOL = 1e-10
MAXCOR = 50
LOG_2PI_HALF = 0.5 * math.log(2 * math.pi)


@dataclass(frozen=True)
class Priors:
    step_sd: float = 0.08  # weekly change of the log rate
    level_sd: float = 3.0  # the first week's log rate around the data's own level
    tau_neutral: float = 0.15  # log bias of a source that is not a party
    tau_party: float = 0.5  # log bias of a party to the conflict
    share_mean: float = 0.25  # killed share of casualties
    share_sd: float = 0.75  # of its log, in the first week
    share_step_sd: float = 0.05  # weekly change of the log killed share (about x1.4 a year)
    sigma_mean: float = 0.08  # noise beyond stated precision
    sigma_sd: float = 0.6  # in log units
    metric_sd: float = 0.3  # how far a source's killed figures may stray from its casualty bias
    # Degrees of freedom of the Student-t noise (log scale); math.inf is the normal. 4 is the
    # conventional robust default (Lange, Little & Taylor 1989): the smallest whole number with a
    # finite variance and a finite third moment, tails heavy enough that a claim ten scales away
    # pulls a twentieth as hard as under the normal, and about 90% of the normal's efficiency when
    # the noise is normal. Fixed a priori, not fitted or tuned (docs/estimate.md).
    noise_df: float = 4.0


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
    """Where each parameter sits in ``x``: the weekly log casualty rates, the weekly log killed
    shares, a bias per source, a deviation per (source, metric) key, a noise per key."""

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
    def mu(self) -> int:
        return self.weeks

    @property
    def bias(self) -> int:
        return 2 * self.weeks

    @property
    def dev(self) -> int:
        return self.bias + self.bases

    @property
    def noise(self) -> int:
        return self.dev + self.keys

    @property
    def size(self) -> int:
        return self.noise + self.keys

    def split(self, x: F) -> tuple[F, F, F, F, F]:
        return (
            x[: self.weeks],
            x[self.mu : self.bias],
            x[self.bias : self.dev],
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


def _obs_nll(
    m: F, sig: F, obs: Observations, second: bool = False, df: float = math.inf
) -> tuple[F, F, F, F]:
    """Negative log-likelihood of each claim, its derivatives in m and sigma, and (with
    ``second``) its curvature in m for the Gauss-Newton Hessian: the normal's exact second
    derivative; for the t (``df`` finite) the (m, m) entry of ``_t_curvature`` (the t's observed
    curvature is negative far from the claim: an outlier is information the fit discounts, not a
    saddle)."""
    if math.isinf(df):
        return _normal_nll(m, sig, obs, second)
    nll = np.zeros_like(m)
    dm = np.zeros_like(m)
    ds = np.zeros_like(m)
    log_c, h = _t_const(df)
    log_pdf, psi, log_cdf = _t_functions(df)

    p = obs.where[POINT]
    if len(p):
        sp = sig[p]
        z = (m[p] - obs.y[p]) / sp
        nll[p] = h * np.log1p(z * z / df) + np.log(sp) - log_c
        dm[p] = psi(z) / sp
        ds[p] = (1.0 - z * psi(z)) / sp
    _bound_terms(m, sig, obs, log_pdf, log_cdf, nll, dm, ds)  # t(u) / T(u)

    def log_prob(hi: F, lo: F) -> F:  # log(T(hi) - T(lo))
        return np.asarray(np.log(np.maximum(stdtr(df, hi) - stdtr(df, lo), 1e-300)))

    _interval_terms(m, sig, obs, log_pdf, log_prob, nll, dm, ds)
    d2 = _t_curvature(m, sig, obs, df)[0] if second else dm
    return nll, dm, ds, d2


def _t_const(df: float) -> tuple[float, float]:
    """The log of the t density's constant, and (df + 1) / 2."""
    return float(gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * math.log(df * math.pi)), 0.5 * (df + 1)


def _t_functions(df: float) -> tuple[Callable[[F], F], Callable[[F], F], Callable[[F], F]]:
    """The standard t's log density, psi = -d log density / du, and log CDF."""
    log_c, h = _t_const(df)

    def log_pdf(u: F) -> F:
        return np.asarray(log_c - h * np.log1p(u * u / df))

    def psi(u: F) -> F:
        return np.asarray((df + 1) * u / (df + u * u))

    def log_cdf(u: F) -> F:  # log T(u) from the tail T(-|u|), which does not round to 1
        tail = np.maximum(stdtr(df, -np.abs(u)), 1e-300)
        return np.asarray(np.where(u < 0, np.log(tail), np.log1p(-tail)))

    return log_pdf, psi, log_cdf


def _t_curvature(m: F, sig: F, obs: Observations, df: float) -> tuple[F, F, F]:
    """Each claim's curvature in (m, sigma) under t noise, positive semi-definite: (mm, m-sigma,
    sigma-sigma). A point figure: the expected (Fisher) information, (df+1)/((df+3) sigma^2) and
    2 df/((df+3) sigma^2), no cross term. A bound or range: its exact 2x2 second derivative with
    any negative eigenvalue set to zero (far outside a bound, the t's curvature is negative)."""
    log_pdf, psi, log_cdf = _t_functions(df)
    n = len(m)
    cmm = np.zeros(n)
    cms = np.zeros(n)
    css = np.zeros(n)
    p = obs.where[POINT]
    cmm[p] = (df + 1) / ((df + 3) * sig[p] ** 2)
    css[p] = 2 * df / ((df + 3) * sig[p] ** 2)
    # A bound or range is P = T(a) - T(b) with a = (high - m)/sigma, b = (low - m)/sigma; "over"
    # has no high (fa = 0), "up to" no low (fb = 0). fa, fb: the density at a, b over P.
    q = np.concatenate((obs.where[LOWER], obs.where[UPPER], obs.where[INTERVAL]))
    if len(q) == 0:
        return cmm, cms, css
    sq = sig[q]
    a = np.zeros(len(q))
    b = np.zeros(len(q))
    fa = np.zeros(len(q))
    fb = np.zeros(len(q))
    nl, nu = len(obs.where[LOWER]), len(obs.where[UPPER])
    lo_, up_, iv = slice(0, nl), slice(nl, nl + nu), slice(nl + nu, len(q))
    b[lo_] = (obs.y[q[lo_]] - m[q[lo_]]) / sq[lo_]
    fb[lo_] = np.exp(log_pdf(b[lo_]) - log_cdf(-b[lo_]))
    a[up_] = (obs.y[q[up_]] - m[q[up_]]) / sq[up_]
    fa[up_] = np.exp(log_pdf(a[up_]) - log_cdf(a[up_]))
    a[iv] = (obs.y2[q[iv]] - m[q[iv]]) / sq[iv]
    b[iv] = (obs.y[q[iv]] - m[q[iv]]) / sq[iv]
    flip = b[iv] > 0
    hi_ = np.where(flip, -b[iv], a[iv])
    lo2 = np.where(flip, -a[iv], b[iv])
    logp = np.log(np.maximum(stdtr(df, hi_) - stdtr(df, lo2), 1e-300))
    fa[iv] = np.exp(log_pdf(a[iv]) - logp)
    fb[iv] = np.exp(log_pdf(b[iv]) - logp)
    pa, pb = fa * psi(a), fb * psi(b)
    gm = fa - fb
    gs = a * fa - b * fb
    c = np.empty((len(q), 2, 2))
    c[:, 0, 0] = pa - pb + gm * gm
    c[:, 0, 1] = c[:, 1, 0] = a * pa - fa - b * pb + fb + gm * gs
    c[:, 1, 1] = a * a * pa - 2 * a * fa - b * b * pb + 2 * b * fb + gs * gs
    w, v = np.linalg.eigh(c)
    c = (v * np.maximum(w, 0.0)[:, None, :]) @ np.swapaxes(v, 1, 2)
    s2 = sq * sq
    cmm[q], cms[q], css[q] = c[:, 0, 0] / s2, c[:, 0, 1] / s2, c[:, 1, 1] / s2
    return cmm, cms, css


def _normal_nll(m: F, sig: F, obs: Observations, second: bool = False) -> tuple[F, F, F, F]:
    """``_obs_nll`` with normal noise."""
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
    for q, u, ratio, sq in _bound_terms(m, sig, obs, _normal_log_pdf, log_ndtr, nll, dm, ds):  # phi / Phi
        if second:
            d2[q] = ratio * (u + ratio) / (sq * sq)
    interval = _interval_terms(m, sig, obs, _normal_log_pdf, _normal_log_prob, nll, dm, ds)
    if second and interval is not None:
        q, a, b, pa, pb, sq = interval
        d2[q] = (a * pa - b * pb + (pa - pb) ** 2) / (sq * sq)
    return nll, dm, ds, d2


def _normal_log_pdf(u: F) -> F:
    return -0.5 * u * u - LOG_2PI_HALF


def _normal_log_prob(hi: F, lo: F) -> F:
    """log(Phi(hi) - Phi(lo)), computed where it does not cancel."""
    la, lb = log_ndtr(hi), log_ndtr(lo)
    return np.asarray(la + np.log1p(-np.exp(np.minimum(lb - la, -1e-12))))


def _bound_terms(
    m: F,
    sig: F,
    obs: Observations,
    log_pdf: Callable[[F], F],
    log_cdf: Callable[[F], F],
    nll: F,
    dm: F,
    ds: F,
) -> list[tuple[I, F, F, F]]:
    """Fill the terms of the one-sided claims ("over", "under") for a noise with this log density and
    log distribution function; return (indices, u, pdf/cdf ratio, sigma) of each side for callers
    that need more of them."""
    out = []
    for k, sign in ((LOWER, 1.0), (UPPER, -1.0)):
        q = obs.where[k]
        if len(q):
            sq = sig[q]
            u = sign * (m[q] - obs.y[q]) / sq
            lp = log_cdf(u)
            ratio = np.exp(log_pdf(u) - lp)
            nll[q] = -lp
            dm[q] = -sign * ratio / sq
            ds[q] = ratio * u / sq
            out.append((q, u, ratio, sq))
    return out


def _interval_terms(
    m: F,
    sig: F,
    obs: Observations,
    log_pdf: Callable[[F], F],
    log_prob: Callable[[F, F], F],
    nll: F,
    dm: F,
    ds: F,
) -> tuple[I, F, F, F, F, F] | None:
    """Fill the terms of the range claims; ``log_prob(hi, lo)`` is the log probability between the
    two standardised ends. Returns (indices, a, b, pa, pb, sigma), or None with no range claim."""
    q = obs.where[INTERVAL]
    if not len(q):
        return None
    sq = sig[q]
    a = (obs.y2[q] - m[q]) / sq
    b = (obs.y[q] - m[q]) / sq
    # P(b < z < a), on the side where it does not cancel
    flip = b > 0
    logp = log_prob(np.where(flip, -b, a), np.where(flip, -a, b))
    pa = np.exp(log_pdf(a) - logp)
    pb = np.exp(log_pdf(b) - logp)
    nll[q] = -logp
    dm[q] = (pa - pb) / sq
    ds[q] = (pa * a - pb * b) / sq
    return q, a, b, pa, pb, sq


@dataclass
class _Curve:
    """The observed curve of each claim (casualties, or killed) and its pieces for the gradient."""

    m: F  # each claim's mean (log)
    total: F  # P: the figure between the claim's start and end days
    base: I
    we: I  # week of the end day
    ws: I  # week of the day before the start
    r_cas: F
    r_kil: F


def _curves(x: F, obs: Observations, lay: Layout) -> _Curve:
    theta, mu, b, d, _ = lay.split(x)
    cas_e, _, we = cumulative(theta, obs.e)
    cas_s, _, ws = cumulative(theta, obs.s - 1)
    kil_e, _, _ = cumulative(theta + mu, obs.e)
    kil_s, _, _ = cumulative(theta + mu, obs.s - 1)
    total = np.maximum(np.where(obs.killed, kil_e - kil_s, cas_e - cas_s), 1e-9)
    base = lay.key_base[obs.src]
    m = np.log(total) + obs.log_scale + b[base] + d[obs.src]
    return _Curve(m, total, np.asarray(base), we, ws, np.exp(theta), np.exp(theta + mu))


def _rate_grad(gp: F, c: _Curve, obs: Observations, w_count: int, sel: NDArray[np.bool_]) -> F:
    """d(sum of gp * P) / d r_w for the claims in ``sel`` (P from one curve with rates r)."""
    de = obs.e - 7 * c.we + 1
    valid_s = (obs.s - 1 >= 0) & sel
    ds_days = np.maximum(obs.s - 1, 0) - 7 * c.ws + 1
    gsel = np.where(sel, gp, 0.0)
    g_k: F = np.bincount(c.we, weights=gsel, minlength=w_count).astype(float)
    g_r: F = np.bincount(c.we, weights=gsel * de, minlength=w_count).astype(float)
    g_k -= np.bincount(c.ws, weights=np.where(valid_s, gp, 0.0), minlength=w_count)
    g_r -= np.bincount(c.ws, weights=np.where(valid_s, gp * ds_days, 0.0), minlength=w_count)
    # K_w = 7 * sum of r before w: each r_w' feeds every later K.
    g_r += 7.0 * np.concatenate((np.cumsum(g_k[::-1])[::-1][1:], [0.0]))
    return g_r


def _dev_sd(lay: Layout, pri: Priors) -> F:
    # A casualty key has no deviation of its own: a tight prior holds it at its source's bias.
    return np.where(lay.key_killed, pri.metric_sd, 0.01)


def _walk(v: F, step_sd: float, f: float, g: F) -> float:
    steps = np.diff(v)
    gs = steps / step_sd**2
    g[:-1] -= gs
    g[1:] += gs
    return f + float(0.5 * np.sum(steps * steps) / step_sd**2)


def objective(x: F, obs: Observations, lay: Layout, pri: Priors, level: float) -> tuple[float, F]:
    """Negative log posterior and its gradient."""
    theta, mu, b, d, log_sigma = lay.split(x)
    w_count = lay.weeks
    c = _curves(x, obs, lay)
    sigma_key = np.exp(log_sigma)[obs.src]
    sig = np.sqrt(sigma_key * sigma_key + obs.extra * obs.extra)
    nll, dm, ds, _ = _obs_nll(c.m, sig, obs, df=pri.noise_df)
    f = float(nll.sum())
    g = np.zeros_like(x)
    gp = dm / c.total  # d m / d P = 1 / P
    g_cas = _rate_grad(gp, c, obs, w_count, ~obs.killed) * c.r_cas
    g_kil = _rate_grad(gp, c, obs, w_count, obs.killed) * c.r_kil
    g[:w_count] = g_cas + g_kil
    g[lay.mu : lay.bias] = g_kil
    g[lay.bias : lay.dev] = np.bincount(c.base, weights=dm, minlength=lay.bases)
    g[lay.dev : lay.noise] = np.bincount(obs.src, weights=dm, minlength=lay.keys)
    g[lay.noise :] = np.bincount(obs.src, weights=ds * sigma_key * sigma_key / sig, minlength=lay.keys)
    # Priors: the two random walks and where they start, biases, deviations, noises.
    f = _walk(theta, pri.step_sd, f, g[:w_count])
    f += 0.5 * (theta[0] - level) ** 2 / pri.level_sd**2
    g[0] += (theta[0] - level) / pri.level_sd**2
    f = _walk(mu, pri.share_step_sd, f, g[lay.mu : lay.bias])
    mu0 = math.log(pri.share_mean)
    f += 0.5 * (mu[0] - mu0) ** 2 / pri.share_sd**2
    g[lay.mu] += (mu[0] - mu0) / pri.share_sd**2
    tau = np.where(lay.party, pri.tau_party, pri.tau_neutral)
    f += float(0.5 * np.sum(b * b / tau**2))
    g[lay.bias : lay.dev] += b / tau**2
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


def start_point(lay: Layout, pri: Priors, level: float) -> F:
    """Where the fit starts: a flat rate at ``level``, the prior killed share and noise, no biases."""
    x0 = np.zeros(lay.size)
    x0[: lay.weeks] = level
    x0[lay.mu : lay.bias] = math.log(pri.share_mean)
    x0[lay.noise :] = math.log(pri.sigma_mean)
    return x0


def fit(obs: Observations, lay: Layout, pri: Priors | None = None) -> Fit:
    """The posterior mode and a Laplace approximation of the posterior around it."""
    pri = pri or Priors()
    level = start_level(obs)
    x0 = start_point(lay, pri, level)
    # Scale each parameter by the curvature at the start (the Hessian's diagonal): L-BFGS then
    # needs a fraction of the iterations (measured: 247 instead of about 1,000 on 11,000 claims).
    # At the start most claims are far from the flat first guess: the t's observed curvature there
    # is negative, which is why its Hessian is Gauss-Newton with the expected information.
    scale = np.sqrt(np.maximum(np.diag(hessian(x0, obs, lay, pri, level)), 1e-6))

    def scaled(z: F) -> tuple[float, F]:
        f, g = objective(z / scale, obs, lay, pri, level)
        return f, g / scale

    res = minimize(
        scaled,
        x0 * scale,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 5000, "maxcor": MAXCOR, "ftol": FTOL, "gtol": 1e-5},
    )
    x = np.asarray(res.x, dtype=float) / scale
    h = hessian(x, obs, lay, pri, level)
    cov = _inverse(h)
    return Fit(x, cov, lay, obs, level, bool(res.success), int(res.nit))


def _jac_days(c: _Curve, obs: Observations, w_count: int) -> F:
    """How many of each week's days each claim's window counts (claims x weeks): d P / d r_w,
    the same for either curve. Built as differences at the window's edges, summed along weeks."""
    n = len(obs)
    rows = np.arange(n)
    d = np.zeros((n, w_count + 1))
    de = (obs.e - 7 * c.we + 1).astype(float)
    d[rows, 0] += 7.0
    d[rows, c.we] += de - 7.0
    d[rows, c.we + 1] -= de
    valid = obs.s - 1 >= 0
    ds = (np.maximum(obs.s - 1, 0) - 7 * c.ws + 1).astype(float)
    d[rows, 0] -= np.where(valid, 7.0, 0.0)
    d[rows, c.ws] -= np.where(valid, ds - 7.0, 0.0)
    d[rows, c.ws + 1] += np.where(valid, ds, 0.0)
    return np.asarray(np.cumsum(d, axis=1)[:, :w_count])


def hessian(x: F, obs: Observations, lay: Layout, pri: Priors, level: float, eps: float = 1e-5) -> F:
    """The Hessian of the negative log posterior at ``x``: Gauss-Newton for the claims (J' W J), the
    priors exactly. Normal noise: W is each claim's exact second derivative in its own mean, and
    the noise parameters' rows are differences of the analytic gradient. t noise: W is each
    claim's positive semi-definite curvature in its mean and its sigma (``_t_curvature``), with J
    through both, so the Hessian is positive definite wherever the priors are."""
    _, _, _, _, log_sigma = lay.split(x)
    w_count = lay.weeks
    c = _curves(x, obs, lay)
    sigma_key = np.exp(log_sigma)[obs.src]
    sig = np.sqrt(sigma_key * sigma_key + obs.extra * obs.extra)
    t_noise = not math.isinf(pri.noise_df)
    if t_noise:
        d2, cms, css = _t_curvature(c.m, sig, obs, pri.noise_df)
    else:
        _, _, _, d2 = _obs_nll(c.m, sig, obs, second=True)
    n = lay.size
    n_mean = lay.noise  # the parameters the claims' means depend on
    rows = np.arange(len(obs))
    j = np.zeros((len(obs), n_mean))
    killed = obs.killed[:, None]
    jr = _jac_days(c, obs, w_count) * np.where(killed, c.r_kil, c.r_cas) / c.total[:, None]
    j[:, :w_count] = jr
    j[:, lay.mu : lay.bias] = np.where(killed, jr, 0.0)
    j[rows, lay.bias + c.base] = 1.0
    j[rows, lay.dev + obs.src] = 1.0
    h = np.zeros((n, n))
    h[:n_mean, :n_mean] = (j * d2[:, None]).T @ j
    # Priors: the random walks (tridiagonal), where they start, biases, deviations.
    for start, step_sd in ((0, pri.step_sd), (lay.mu, pri.share_step_sd)):
        k = 1.0 / step_sd**2
        idx = start + np.arange(w_count)
        diag = np.full(w_count, 2 * k)
        diag[0] = diag[-1] = k
        if w_count == 1:
            diag[0] = 0.0
        h[idx, idx] += diag
        h[idx[:-1], idx[:-1] + 1] -= k
        h[idx[:-1] + 1, idx[:-1]] -= k
    h[0, 0] += 1.0 / pri.level_sd**2
    h[lay.mu, lay.mu] += 1.0 / pri.share_sd**2
    tau = np.where(lay.party, pri.tau_party, pri.tau_neutral)
    idx = lay.bias + np.arange(lay.bases)
    h[idx, idx] += 1.0 / tau**2
    idx = lay.dev + np.arange(lay.keys)
    h[idx, idx] += 1.0 / _dev_sd(lay, pri) ** 2
    if t_noise:
        # sigma = sqrt(sigma_key^2 + extra^2): d sigma / d log sigma_key = sigma_key^2 / sigma.
        dsig = sigma_key * sigma_key / sig
        onehot = np.zeros((len(obs), lay.keys))
        onehot[rows, obs.src] = 1.0
        cross = (j * (cms * dsig)[:, None]).T @ onehot
        h[:n_mean, n_mean:] = cross
        h[n_mean:, :n_mean] = cross.T
        idx = n_mean + np.arange(lay.keys)
        h[idx, idx] = np.bincount(obs.src, weights=css * dsig * dsig, minlength=lay.keys)
        h[idx, idx] += 1.0 / pri.sigma_sd**2
        return h
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
