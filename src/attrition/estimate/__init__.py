"""Claims -> Estimates: every claim about a subject's losses fused into one daily series with
credible intervals, per-source bias and per-claim residuals (the model: ``estimate.model``;
the method and its assumptions: docs/estimate.md).

``estimate(claims, subject=..., metric=...)`` is the whole job; ``prepare`` and ``Fitted`` expose
the steps for evaluation (predicting a claim the fit has not seen).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.polynomial.hermite_e import hermegauss
from scipy.optimize import brentq
from scipy.special import gammaln, ndtr, ndtri, stdtr, stdtrit
from threadpoolctl import threadpool_limits

from attrition.check.common import rounding
from attrition.errors import UsageError
from attrition.estimate.model import (
    INTERVAL,
    LOWER,
    POINT,
    UPPER,
    Fit,
    Layout,
    Observations,
    Priors,
    fit,
)
from attrition.extract.lexicon import CONFLICTS
from attrition.model import Claim, Estimate, Figure, Residual, SeriesPoint, SourceBias

METHOD = "estimate.v1"
FAMILY = ("casualties", "killed")
PER_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
LEVELS = (0.5, 0.9, 0.95)
UNATTRIBUTED = "(unattributed)"
RATE_WINDOW_DAYS = 30  # an average stated with no window is read as the month before it was said
# Noise of a figure from its wording alone (log units), before the fitted common noise.
EXTRA = {"exact": 0.02, "approx": 0.06, "range": 0.02, "at_least": 0.03, "at_most": 0.03}

__all__ = ["FAMILY", "METHOD", "Fitted", "Prediction", "Priors", "estimate", "origin_of", "prepare"]


def origin_of(subject: str) -> date:
    """The first day of the conflict a subject's losses are counted in (a known conflict's start)."""
    for conflict in CONFLICTS:
        sides = conflict["sides"]
        assert isinstance(sides, tuple)
        if any(subject in side for side in sides):
            return date.fromisoformat(str(conflict["start"]))
    raise UsageError(f"{subject}: no known conflict start for this subject; give --origin YYYY-MM-DD")


def canonical_source(name: str | None) -> str:
    if not name:
        return UNATTRIBUTED
    from attrition.extract.sources import source_info

    info = source_info(name)
    return info.name if info is not None else name.strip()


def bias_key(source: str, metric: str) -> str:
    """Biases are per source and metric family: a source may count its "killed" differently from
    others (the Ukrainian General Staff's "liquidated" is its whole casualty count)."""
    return source if metric == "casualties" else f"{source} [{metric}]"


def source_of_key(key: str) -> str:
    return key.rsplit(" [", 1)[0] if key.endswith("]") and " [" in key else key


def party_of_source(name: str, parties: Mapping[str, str | None]) -> str | None:
    if name in parties:
        return parties[name]
    from attrition.extract.sources import party_of

    return party_of(name)


@dataclass
class Prepared:
    """The claims a fit uses, as observations, with the bookkeeping to read the fit back."""

    subject: str
    origin: date
    as_of: date
    obs: Observations
    claims: list[Claim]  # one per observation, in order
    sources: list[str]  # bias keys: a source, or "source [killed]" for its killed figures
    party: list[str | None]
    parties: dict[str, str | None]

    @property
    def days(self) -> int:
        return (self.as_of - self.origin).days + 1

    @property
    def claims_hash(self) -> str:
        return hashlib.sha256("\n".join(sorted(c.id for c in self.claims)).encode()).hexdigest()[:16]


def _window(c: Claim, stated: date | None, origin: date) -> tuple[date, date] | None:
    start, end = c.period.start, c.period.end
    if c.per is not None and (start is None or end is None):
        if stated is None:
            return None
        return stated - timedelta(days=RATE_WINDOW_DAYS), stated - timedelta(days=1)
    if end is None:
        end = stated
    if end is None:
        return None
    return max(start or origin, origin), end


def stated_noise(f: Figure) -> float:
    """The noise a figure's wording gives it (log units): its qualifier's, and for an exact figure
    also its rounding (340 is +-5: 1.5%)."""
    if f.bound == "exact" and f.value:
        return math.hypot(EXTRA["exact"], rounding(f.value) / f.value)
    return EXTRA[f.bound]


def prepare(
    claims: Sequence[Claim],
    subject: str,
    *,
    published: Mapping[str, date | None] | None = None,
    parties: Mapping[str, str | None] | None = None,
    as_of: date | None = None,
    origin: date | None = None,
) -> Prepared:
    """The observations of ``subject``'s casualties and killed among ``claims`` stated by
    ``as_of``; the same figure from the same source counts once (its earliest statement)."""
    pub = published or {}
    parties = parties or {}
    origin = origin or origin_of(subject)
    chosen: dict[tuple[object, ...], tuple[Claim, date, date, str]] = {}
    today = date.today()
    for c in claims:
        if c.subject != subject or c.metric not in FAMILY or (c.per is not None and c.per not in PER_DAYS):
            continue
        stated = c.said_on or pub.get(c.doc_id) or c.period.end
        if as_of is not None and (stated is None or stated > as_of):
            continue
        win = _window(c, stated, origin)
        if win is None or win[1] < win[0] or win[1] < origin:
            continue
        if win[1] > (as_of or today):
            continue  # after the estimate's date, or in the future
        if stated is not None and win[1] > stated:
            continue  # a period that ends after it was stated cannot be a count (the checks flag it)
        f = c.figure
        if (f.value is not None and f.value <= 0) or (f.low is not None and f.low <= 0):
            continue
        src = canonical_source(c.source)
        key = (src, c.metric, f.value, f.low, f.high, f.bound, c.per, win[0] if c.period.start else None)
        if key not in chosen or win[1] < chosen[key][2]:
            chosen[key] = (c, win[0], win[1], bias_key(src, c.metric))
    items = sorted(chosen.values(), key=lambda t: (t[2], t[0].id))
    end = as_of or max((t[2] for t in items), default=origin)
    sources = sorted({t[3] for t in items})
    index = {s: i for i, s in enumerate(sources)}
    n = len(items)
    s_arr = np.zeros(n, dtype=np.int64)
    e_arr = np.zeros(n, dtype=np.int64)
    log_scale = np.zeros(n)
    killed = np.zeros(n, dtype=bool)
    src_idx = np.zeros(n, dtype=np.int64)
    kind = np.zeros(n, dtype=np.int64)
    y = np.zeros(n)
    y2 = np.zeros(n)
    extra = np.zeros(n)
    for i, (c, a, b, sname) in enumerate(items):
        s_arr[i] = (a - origin).days
        e_arr[i] = (b - origin).days
        if c.per is not None:
            log_scale[i] = math.log(PER_DAYS[c.per] / ((b - a).days + 1))
        killed[i] = c.metric == "killed"
        src_idx[i] = index[sname]
        f = c.figure
        extra[i] = stated_noise(f)
        if f.bound == "range":
            assert f.low is not None and f.high is not None
            kind[i], y[i], y2[i] = INTERVAL, math.log(f.low), math.log(max(f.high, f.low))
        else:
            assert f.value is not None
            y[i] = math.log(f.value)
            kind[i] = {"at_least": LOWER, "at_most": UPPER}.get(f.bound, POINT)
    obs = Observations(s_arr, e_arr, log_scale, killed, src_idx, kind, y, y2, extra)
    return Prepared(
        subject,
        origin,
        end,
        obs,
        [t[0] for t in items],
        sources,
        [party_of_source(source_of_key(k), parties) for k in sources],
        dict(parties),
    )


_NODES, _WEIGHTS = hermegauss(64)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


@dataclass(frozen=True)
class Prediction:
    """The predictive distribution of a claim's log figure: a normal part (the curve over the
    claim's window and the source's bias, from the posterior draws or the prior) plus the claim's
    own noise, Student-t with ``df`` degrees of freedom and scale ``noise_scale`` as in the fit
    (``df`` infinite: normal, and the whole prediction is normal)."""

    mean: float
    curve_sd: float
    noise_scale: float
    df: float

    @property
    def sd(self) -> float:
        """The standard deviation (the t's variance is scale^2 * df / (df - 2))."""
        inflate = 1.0 if math.isinf(self.df) else self.df / (self.df - 2) if self.df > 2 else math.inf
        return math.sqrt(self.curve_sd**2 + self.noise_scale**2 * inflate)

    def cdf(self, x: float) -> float:
        if math.isinf(self.df):
            return float(ndtr((x - self.mean) / math.hypot(self.curve_sd, self.noise_scale)))
        # E over the normal part (Gauss-Hermite) of the t's CDF.
        u = (x - self.mean - self.curve_sd * _NODES) / self.noise_scale
        return float(np.dot(_WEIGHTS, stdtr(self.df, u)))

    def logpdf(self, x: float) -> float:
        """The log predictive density at ``x`` (scores a prediction's sharpness and calibration)."""
        if math.isinf(self.df):
            sd = math.hypot(self.curve_sd, self.noise_scale)
            return -0.5 * ((x - self.mean) / sd) ** 2 - math.log(sd) - 0.5 * math.log(2 * math.pi)
        u = (x - self.mean - self.curve_sd * _NODES) / self.noise_scale
        dens = np.exp(gammaln((self.df + 1) / 2) - gammaln(self.df / 2)) / math.sqrt(self.df * math.pi)
        dens = dens * (1 + u * u / self.df) ** (-(self.df + 1) / 2) / self.noise_scale
        return math.log(max(float(np.dot(_WEIGHTS, dens)), 1e-300))

    def interval(self, level: float) -> tuple[float, float]:
        """The central interval holding ``level`` of the predictive probability."""
        tail = (1 - level) / 2
        if math.isinf(self.df):
            half = -float(ndtri(tail)) * math.hypot(self.curve_sd, self.noise_scale)
            return self.mean - half, self.mean + half
        # The quantile lies near the sum of the two parts' own quantiles' magnitudes (within it for
        # these two); widen the bracket until it holds the root all the same.
        reach = -float(ndtri(tail)) * self.curve_sd - float(stdtrit(self.df, tail)) * self.noise_scale
        reach = reach * 1.01 + 1e-12
        while self.cdf(self.mean - reach) > tail:
            reach *= 2
        half = brentq(lambda d: self.cdf(self.mean - d) - tail, 0.0, reach, xtol=1e-10)
        return self.mean - half, self.mean + half


class Fitted:
    """A fit with what can be read from it: draws of the curve, biases, predictions of claims."""

    def __init__(
        self, prep: Prepared, priors: Priors | None = None, draws: int = 1000, seed: int = 0
    ) -> None:
        if len(prep.obs) == 0:
            raise UsageError(f"no casualty or killed claims about {prep.subject} to estimate from")
        self.prep = prep
        self.priors = priors or Priors()
        weeks = max(1, math.ceil(prep.days / 7))
        self.bases = sorted({source_of_key(k) for k in prep.sources})
        base_index = {b: i for i, b in enumerate(self.bases)}
        self.layout = Layout(
            weeks,
            np.array([party_of_source(b, prep.parties) is not None for b in self.bases], dtype=bool),
            np.array([base_index[source_of_key(k)] for k in prep.sources], dtype=np.int64),
            np.array([k != source_of_key(k) for k in prep.sources], dtype=bool),
        )
        with threadpool_limits(limits=1):
            self.fit: Fit = fit(prep.obs, self.layout, self.priors)
            rng = np.random.default_rng(seed)
            chol = _cholesky(self.fit.cov)
            self.draws = self.fit.x + rng.standard_normal((draws, len(self.fit.x))) @ chol.T

    # -- parameters --------------------------------------------------------------------------------

    def _theta(self, x: np.ndarray) -> np.ndarray:
        return x[..., : self.layout.weeks]

    def share_draws(self, week: int = -1) -> np.ndarray:
        """Draws of the killed share of casualties in a week (the last by default)."""
        mu = self.draws[:, self.layout.mu : self.layout.bias]
        return np.asarray(np.exp(mu[:, week]))

    def noise_var(self, key: str | None = None) -> float:
        """The expected square of the noise scale of a new claim by ``key`` (beyond its stated
        precision; the variance under normal noise): E[sigma^2] over the posterior of the key's log
        sigma (normal, from the Laplace approximation), or over its prior for a key the fit has not
        seen. The squared mode alone understates it wherever sigma is barely known (a source heard
        once or twice, or never)."""
        if key is not None and key in self.prep.sources:
            i = self.layout.noise + self.prep.sources.index(key)
            mean, var = float(self.fit.x[i]), float(self.fit.cov[i, i])
        else:
            mean, var = math.log(self.priors.sigma_mean), self.priors.sigma_sd**2
        return math.exp(2 * mean + 2 * var)

    def cumulative_draws(self, days: np.ndarray, killed: bool = False) -> np.ndarray:
        """Draws (rows) of the cumulative figure through the end of each of ``days`` (columns)."""
        theta = self._theta(self.draws)
        if killed:
            theta = theta + self.draws[:, self.layout.mu : self.layout.bias]
        r = np.exp(theta)
        k = np.concatenate((np.zeros((len(r), 1)), np.cumsum(7.0 * r, axis=1)[:, :-1]), axis=1)
        d = np.maximum(days, 0)
        w = np.minimum(d // 7, self.layout.weeks - 1)
        cum = k[:, w] + (d - 7 * w + 1) * r[:, w]
        cum = np.where(days < 0, 0.0, cum)
        return np.asarray(cum)

    # -- predictions -------------------------------------------------------------------------------

    def predict(self, claim: Claim, stated: date | None, source: str | None) -> Prediction | None:
        """The predictive distribution of a claim's log figure, with its source's bias (its
        posterior if the fit has seen the source, else the prior) and the claim's noise (t, as in
        the fit, with the source's expected squared scale and the figure's stated precision)."""
        win = _window(claim, stated, self.prep.origin)
        if win is None:
            return None
        a, b = ((win[0] - self.prep.origin).days, (win[1] - self.prep.origin).days)
        days = np.array([a - 1, min(b, self.prep.days + 3650)])
        if b >= self.layout.weeks * 7:  # beyond the fit: carry the last week's rate on
            days[1] = self.layout.weeks * 7 - 1
        cum = self.cumulative_draws(days, killed=claim.metric == "killed")
        total = np.maximum(cum[:, 1] - cum[:, 0], 1e-9)
        extra_days = max(0, b - (self.layout.weeks * 7 - 1))
        if extra_days:
            last_rate = np.exp(self._theta(self.draws)[:, -1])
            if claim.metric == "killed":
                last_rate = last_rate * self.share_draws()
            total = total + extra_days * last_rate
        m = np.log(total)
        if claim.per is not None:
            m = m + math.log(PER_DAYS[claim.per] / (b - a + 1))
        name = canonical_source(source)
        key = bias_key(name, claim.metric)
        sd_extra = stated_noise(claim.figure)
        lay = self.layout
        dev_var = self.priors.metric_sd**2 if key != name else 0.0
        if key in self.prep.sources:
            k = self.prep.sources.index(key)
            m = m + self.draws[:, lay.bias + int(lay.key_base[k])] + self.draws[:, lay.dev + k]
            bias_var = 0.0
        elif name in self.bases:
            m = m + self.draws[:, lay.bias + self.bases.index(name)]
            bias_var = dev_var
        else:
            party = party_of_source(name, self.prep.parties)
            tau = self.priors.tau_party if party is not None else self.priors.tau_neutral
            bias_var = tau * tau + dev_var
        curve_var = float(np.var(m)) + bias_var
        noise_var = self.noise_var(key) + sd_extra**2
        return Prediction(float(np.mean(m)), math.sqrt(curve_var), math.sqrt(noise_var), self.priors.noise_df)

    # -- the estimate ------------------------------------------------------------------------------

    def estimate(self, metric: str) -> Estimate:
        prep = self.prep
        killed = metric == "killed"
        days = np.arange(prep.days)
        cum = self.cumulative_draws(days, killed)
        qs = _quantiles(cum)
        series = tuple(
            SeriesPoint(
                prep.origin + timedelta(days=int(d)),
                float(qs[0][d]),
                tuple((float(lo[d]), float(hi[d])) for lo, hi in qs[1]),
            )
            for d in days
        )
        monthly = []
        month = date(prep.origin.year, prep.origin.month, 1)
        while month <= prep.as_of:
            nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            a = max((month - prep.origin).days, 0)
            b = min((nxt - prep.origin).days - 1, prep.days - 1)
            if b >= a:
                prev = cum[:, a - 1] if a > 0 else np.zeros(len(cum))
                rate = (cum[:, b] - prev) / (b - a + 1)
                lo, med, hi = np.quantile(rate, [0.05, 0.5, 0.95])
                monthly.append((month.strftime("%Y-%m"), float(med), float(lo), float(hi)))
            month = nxt
        biases = []
        counts = np.bincount(prep.obs.src, minlength=len(prep.sources))
        lay = self.layout
        for i, name in enumerate(prep.sources):
            ja, jb = lay.bias + int(lay.key_base[i]), lay.dev + i
            cov = self.fit.cov
            mu = float(self.fit.x[ja] + self.fit.x[jb])
            var = float(cov[ja, ja] + cov[jb, jb] + 2 * cov[ja, jb])
            sd = math.sqrt(max(var, 0.0))
            lo, hi = math.exp(mu - 1.645 * sd), math.exp(mu + 1.645 * sd)
            biases.append(SourceBias(name, prep.party[i], int(counts[i]), math.exp(mu), lo, hi))
        biases.sort(key=lambda s: (-s.claims, s.source))
        share = None
        if any(c.metric == "killed" for c in prep.claims):
            sd_ = self.share_draws()
            share = (float(np.median(sd_)), float(np.quantile(sd_, 0.05)), float(np.quantile(sd_, 0.95)))
        return Estimate(
            subject=prep.subject,
            metric=metric,
            method=METHOD,
            as_of=prep.as_of,
            claims_hash=prep.claims_hash,
            n_claims=len(prep.claims),
            levels=LEVELS,
            cumulative=series,
            monthly=tuple(monthly),
            biases=tuple(biases),
            residuals=tuple(self.residuals()),
            killed_share=share,
        )

    def residuals(self) -> list[Residual]:
        """Each claim against the fit: (claim - fitted) in standard deviations of the claim's error;
        a one-sided or range claim the fit satisfies is 0."""
        from attrition.estimate.model import _curves

        x = self.fit.x
        obs = self.prep.obs
        m = _curves(x, obs, self.layout).m
        sig_src = np.exp(x[self.layout.noise :])[obs.src]
        sig = np.sqrt(sig_src**2 + obs.extra**2)
        out = []
        for i, c in enumerate(self.prep.claims):
            k, y, y2 = int(obs.kind[i]), float(obs.y[i]), float(obs.y2[i])
            mi, si = float(m[i]), float(sig[i])
            if k == POINT:
                z = (y - mi) / si
            elif k == LOWER:
                z = (y - mi) / si if y > mi else 0.0
            elif k == UPPER:
                z = (y - mi) / si if y < mi else 0.0
            else:
                z = (y - mi) / si if mi < y else (y2 - mi) / si if mi > y2 else 0.0
            out.append(Residual(c.id, c.source, c.figure.central, math.exp(mi), z))
        return out


def _cholesky(cov: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh(0.5 * (cov + cov.T))
    return np.asarray(v * np.sqrt(np.maximum(w, 0.0)))


def _quantiles(draws: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    probs = [0.5]
    for lv in LEVELS:
        probs += [(1 - lv) / 2, 1 - (1 - lv) / 2]
    q = np.quantile(draws, probs, axis=0)
    return q[0], [(q[1 + 2 * i], q[2 + 2 * i]) for i in range(len(LEVELS))]


def estimate(
    claims: Sequence[Claim],
    *,
    subject: str,
    metric: str = "casualties",
    published: Mapping[str, date | None] | None = None,
    parties: Mapping[str, str | None] | None = None,
    as_of: date | None = None,
    priors: Priors | None = None,
) -> Estimate:
    """The fused series of ``subject``'s ``metric`` (casualties, or killed through the share)."""
    if metric not in FAMILY:
        raise UsageError(f"metric {metric!r}: the estimate covers {' and '.join(FAMILY)}")
    prep = prepare(claims, subject, published=published, parties=parties, as_of=as_of)
    return Fitted(prep, priors).estimate(metric)
