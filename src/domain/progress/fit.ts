/** A fitted trend: value(year), and its rate (per year; a fraction per year for a log-linear fit). */
export interface Trend {
  fit: 'linear' | 'log_linear';
  /** Slope of value (linear) or of ln(value) (log-linear) per year. */
  slope: number;
  /** Value (linear) or ln(value) (log-linear) at `centre`. */
  level: number;
  /** Mean of the years fitted; the fit is written around it for numerical stability. */
  centre: number;
  /** Change per year: the slope (linear), or exp(slope) − 1 (log-linear: compound growth per year). */
  rate: number;
  at(year: number): number;
}

/**
 * Ordinary least squares of y on year: slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², level = ȳ. Needs two distinct years.
 * Log-linear fits ln(value) the same way (every value must be positive), i.e. constant compound growth.
 */
export function fitTrend(
  points: readonly { year: number; value: number }[],
  fit: 'linear' | 'log_linear',
): Trend | undefined {
  const years = new Set(points.map((p) => p.year));
  if (years.size < 2) return undefined;
  if (fit === 'log_linear' && points.some((p) => !(p.value > 0))) return undefined;
  const ys = points.map((p) => (fit === 'log_linear' ? Math.log(p.value) : p.value));
  const n = points.length;
  const centre = points.reduce((sum, p) => sum + p.year, 0) / n;
  const level = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    const dx = p.year - centre;
    sxy += dx * ((ys[i] ?? 0) - level);
    sxx += dx * dx;
  });
  const slope = sxy / sxx;
  const rate = fit === 'log_linear' ? Math.exp(slope) - 1 : slope;
  const at = (year: number) => {
    const y = level + slope * (year - centre);
    return fit === 'log_linear' ? Math.exp(y) : y;
  };
  return { fit, slope, level, centre, rate, at };
}
