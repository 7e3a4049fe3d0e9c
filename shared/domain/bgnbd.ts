/**
 * Who is still a customer, for households without a regular staple rhythm: the BG/NBD model (Fader,
 * Hardie & Lee 2005, "Counting your customers the easy way"). A household buys at a rate λ while alive
 * and may drop out after any purchase with probability p; λ is gamma(r, α) and p is beta(a, b) across
 * households. From each household's count of repeat purchases x, the time of its last one t_x and the
 * time it has been watched T (all in weeks from its first purchase), four parameters are fitted for the
 * whole shop; they give each household P(alive) and the purchases to expect.
 *
 * Why this and not a staple forecast: forecasts.ts learns a use rate per product from regular cycles;
 * a household that buys now and then (a guest, a seasonal buyer) has no cycle to miss, so "ran out long
 * ago" means nothing for it. BG/NBD asks instead how unusual its silence is for someone who buys as
 * often as it did.
 *
 * Method: maximum likelihood with Nelder-Mead on the logs of the parameters (they must stay positive;
 * the likelihood is smooth there), the likelihood in its log-sum form (paper, eq. 6) so that large x and
 * T do not overflow; ln Γ by Lanczos (g = 7, 9 terms, ~1e-15 relative); Gauss's 2F1 by its series, which
 * converges because every argument used here is t/(α+T+t) < 1.
 *
 * Checked (test/unit/bgnbd.test.ts) on the CDNOW sample (2,357 customers, 39-week calibration) against
 * the published fit r = 0.2426, α = 4.4137, a = 0.7930, b = 2.4262, LL = -9582.43 and BTYD's expected
 * weekly cumulative repeat purchases.
 */

/** Fewer households than this and four parameters would be fitted to noise: no model. */
export const MIN_FIT_HOUSEHOLDS = 30;

/** The four shop-wide parameters. */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One household's purchase summary, in weeks (any fixed unit works if used throughout). */
export interface BgnbdHistory {
  /** Repeat purchases: all purchases after the first. */
  x: number;
  /** Time of the last purchase, from the first (0 when x = 0). */
  tx: number;
  /** Time watched, from the first purchase to the end of the data. */
  T: number;
  /** How many households share this history (1 when left out): a shop's 100k households have far fewer distinct histories. */
  count?: number;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0. */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const w = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (w + i);
  const t = w + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (w + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Gauss's hypergeometric 2F1(a, b; c; z) for 0 <= z < 1, by its series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z < 0 || z >= 1) throw new RangeError(`hyp2f1 needs 0 <= z < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 100_000; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-14 * Math.abs(sum)) return sum;
  }
  return sum;
}

/** The parts of a household's log-likelihood that depend on x alone (the Γ terms: the costly part). */
function constantsOf(p: BgnbdParams, x: number): { gammas: number; dropout: number } {
  const { r, alpha, a, b } = p;
  return {
    gammas: lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x),
    dropout: x === 0 ? 0 : Math.log(a) - Math.log(b + x - 1),
  };
}

function logLikelihoodWith(p: BgnbdParams, h: BgnbdHistory, c: { gammas: number; dropout: number }): number {
  const { r, alpha } = p;
  const { x, tx, T } = h;
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return c.gammas + a3;
  const a4 = c.dropout - (r + x) * Math.log(alpha + tx);
  const top = Math.max(a3, a4);
  return c.gammas + top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
}

/** The shop's log-likelihood: the sum over its households. The Γ terms once per distinct x (a shop has a few dozen). */
export function logLikelihood(p: BgnbdParams, histories: readonly BgnbdHistory[]): number {
  const byX = new Map<number, { gammas: number; dropout: number }>();
  let sum = 0;
  for (const h of histories) {
    let c = byX.get(h.x);
    if (!c) byX.set(h.x, (c = constantsOf(p, h.x)));
    sum += (h.count ?? 1) * logLikelihoodWith(p, h, c);
  }
  return sum;
}

/** Minimises f from start by Nelder-Mead (standard coefficients); returns the best point and value. */
export function nelderMead(f: (v: number[]) => number, start: number[], opts: { step?: number; tolerance?: number; maxIterations?: number } = {}) {
  const n = start.length;
  const step = opts.step ?? 0.5;
  const tolerance = opts.tolerance ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 5000;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((v) => ({ v, f: f(v) }));
  const combine = (p: number[], q: number[], t: number) => p.map((pi, i) => pi + t * (q[i]! - pi));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.f - best.f) <= tolerance * (Math.abs(best.f) + tolerance)) break;
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((s, p) => s + p.v[i]!, 0) / n);
    const reflected = combine(centroid, worst.v, -1);
    const fr = f(reflected);
    if (fr < best.f) {
      const expanded = combine(centroid, worst.v, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { v: expanded, f: fe } : { v: reflected, f: fr };
    } else if (fr < simplex[n - 1]!.f) {
      simplex[n] = { v: reflected, f: fr };
    } else {
      const contracted = fr < worst.f ? combine(centroid, reflected, 0.5) : combine(centroid, worst.v, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.f)) simplex[n] = { v: contracted, f: fc };
      else simplex = simplex.map((p, i) => (i === 0 ? p : ((v) => ({ v, f: f(v) }))(combine(best.v, p.v, 0.5))));
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return { point: simplex[0]!.v, value: simplex[0]!.f, iterations };
}

/**
 * Each parameter is kept within e^±LOG_BOUND (4.5e-5 .. 22,026). Where almost nobody drops out, a and b
 * run off together towards infinity along a ridge on which only a / (a + b) matters (the drop-out
 * probability becomes the same for everyone); the walk would never end. The wall stops it there.
 */
const LOG_BOUND = 10;

/**
 * The maximum-likelihood parameters for a shop's households. Restarted from the first result until it
 * stops improving: a single Nelder-Mead run can stall on the long, flat ridge between r and α.
 */
export function fitBgnbd(histories: readonly BgnbdHistory[]): BgnbdParams & { logLikelihood: number } {
  if (histories.length === 0) throw new RangeError('fitBgnbd needs at least one household');
  const negLL = (v: number[]) => {
    if (v.some((l) => Math.abs(l) > LOG_BOUND)) return Number.MAX_VALUE;
    const ll = logLikelihood({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) }, histories);
    return Number.isFinite(ll) ? -ll : Number.MAX_VALUE;
  };
  let point = [0, 0, 0, 0];
  let value = Infinity;
  for (let round = 0; round < 5; round++) {
    const run = nelderMead(negLL, point, { step: round === 0 ? 1 : 0.1 });
    const improved = value - run.value;
    point = run.point;
    value = run.value;
    if (improved < 1e-9) break;
  }
  const [r, alpha, a, b] = point.map(Math.exp) as [number, number, number, number];
  return { r, alpha, a, b, logLikelihood: -value };
}

/** Expected purchases in (0, t] for a household just acquired (E[X(t)], paper eq. 7). */
export function expectedPurchases(p: BgnbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/** The term that weighs "dropped out after the last purchase" against "still buying, quietly". */
function dropoutOdds(p: BgnbdParams, h: BgnbdHistory): number {
  if (h.x === 0) return 0;
  return (p.a / (p.b + h.x - 1)) * Math.pow((p.alpha + h.T) / (p.alpha + h.tx), p.r + h.x);
}

/** P(alive) for a household with this history (paper eq. 11). */
export function probabilityAlive(p: BgnbdParams, h: BgnbdHistory): number {
  return 1 / (1 + dropoutOdds(p, h));
}

/** Expected purchases in the next t for a household with this history (paper eq. 10). */
export function conditionalExpectedPurchases(p: BgnbdParams, h: BgnbdHistory, t: number): number {
  const { r, alpha, a, b } = p;
  const { x, T } = h;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const tail = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return (head * tail) / (1 + dropoutOdds(p, h));
}

/**
 * Expected cumulative repeat purchases of a cohort at each of `periods`, as BTYD's
 * bgnbd.ExpectedCumulativeTransactions counts them: each household from its own first purchase,
 * `births` being the times of those first purchases on the same clock.
 */
export function expectedCumulativeRepeats(p: BgnbdParams, births: readonly number[], periods: readonly number[]): number[] {
  return periods.map((at) => births.reduce((sum, born) => (born < at ? sum + expectedPurchases(p, at - born) : sum), 0));
}
