#!/usr/bin/python3
"""Cross-check reference values for `concord stats`.

Writes seeded random rating data to tests/reference/data/*.csv and the values that reference libraries installed
from Debian 12 compute on them to tests/reference/expected-python.json; then assembles tests/reference/expected.json
from expected-python.json and expected-r.json (written by generate.R). See README.md.

Run with Debian's interpreter (the packages are Debian's python3-numpy/-scipy/-sklearn/-statsmodels):
    /usr/bin/python3 tests/reference/generate.py && Rscript tests/reference/generate.R

Deterministic: every dataset has its own fixed seed (numpy.random.default_rng, PCG64); nothing depends on the
time, the locale or the order of dictionary iteration. Running it twice gives byte-identical files.
"""

import csv
import io
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
import scipy
import scipy.stats
import sklearn
import sklearn.calibration
import sklearn.metrics
import statsmodels
from statsmodels.stats import inter_rater

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

PLATFORM = "Debian 12"
SRC_SM = "statsmodels %s (%s python3-statsmodels)" % (statsmodels.__version__, PLATFORM)
SRC_SK = "scikit-learn %s (%s python3-sklearn)" % (sklearn.__version__, PLATFORM)
SRC_SP = "scipy %s (%s python3-scipy)" % (scipy.__version__, PLATFORM)
SRC_NP = "numpy %s (%s python3-numpy)" % (np.__version__, PLATFORM)
SRC_KRIPP = ("direct implementation of Krippendorff (2011) definitions in tests/reference/generate.py "
             "(coincidence matrix, O(units x raters^2))")

TOL = 1e-9


# ---------------------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------------------

def ordinal_ratings(rng, n_units, n_raters, n_cats, noise=0.5, bias_sd=0.25):
    """Latent-trait ordinal ratings 1..n_cats: unit trait + rater bias + noise, cut at equally spaced thresholds."""
    trait = rng.normal(0.0, 1.0, n_units)
    bias = rng.normal(0.0, bias_sd, n_raters)
    noise_ = rng.normal(0.0, noise, (n_units, n_raters))
    latent = trait[:, None] + bias[None, :] + noise_
    cuts = np.linspace(-1.5, 1.5, n_cats - 1) if n_cats > 2 else np.array([0.0])
    return (np.searchsorted(cuts, latent) + 1).astype(int)


def knock_out(rng, values, p_missing):
    """Cells become missing (None) independently with probability p_missing."""
    out = [[int(v) if not isinstance(v, str) else v for v in row] for row in values]
    mask = rng.random((len(out), len(out[0]))) < p_missing
    for i, row in enumerate(out):
        for j in range(len(row)):
            if mask[i, j]:
                row[j] = None
    return out


def fmt_cell(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


def write_wide(name, rows, n_raters):
    """Wide layout of `concord stats`: header unit,r1..rk; one row per unit; empty cell = missing."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["unit"] + ["r%d" % (j + 1) for j in range(n_raters)])
    for i, row in enumerate(rows):
        w.writerow(["u%03d" % (i + 1)] + [fmt_cell(v) for v in row])
    with open(os.path.join(DATA, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return "data/" + name


def read_wide(rel):
    """Reads back what was written, so the expected values are computed from exactly the committed file."""
    with open(os.path.join(HERE, rel), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = []
    for row in rows[1:]:
        cells = []
        for c in row[1:]:
            if c == "":
                cells.append(None)
            else:
                try:
                    cells.append(float(c))
                except ValueError:
                    cells.append(c)
        out.append(cells)
    return out


def make_datasets():
    os.makedirs(DATA, exist_ok=True)
    ds = {}

    # A: 2 raters x 80 units, ordinal 1-4, ~10% of cells missing (units with one rating and, by seed, none empty).
    rng = np.random.default_rng(3001)
    v = knock_out(rng, ordinal_ratings(rng, 80, 2, 4), 0.10)
    ds["A"] = write_wide("two_raters_ord4_missing.csv", v, 2)

    # B: 2 raters x 200 units, ordinal 1-5, complete.
    rng = np.random.default_rng(3002)
    ds["B"] = write_wide("two_raters_ord5_complete.csv", ordinal_ratings(rng, 200, 2, 5).tolist(), 2)

    # C: 3 raters x 60 units, ordinal 1-5, complete.
    rng = np.random.default_rng(3003)
    ds["C"] = write_wide("three_raters_ord5_complete.csv", ordinal_ratings(rng, 60, 3, 5).tolist(), 3)

    # D: 5 raters x 150 units, ordinal 1-5, complete.
    rng = np.random.default_rng(3004)
    ds["D"] = write_wide("five_raters_ord5_complete.csv", ordinal_ratings(rng, 150, 5, 5).tolist(), 5)

    # E: 4 raters x 100 units, ordinal 1-5, ~15% missing; unit u100 is made entirely empty and u099 has one rating.
    rng = np.random.default_rng(3005)
    v = knock_out(rng, ordinal_ratings(rng, 100, 4, 5), 0.15)
    v[99] = [None, None, None, None]
    v[98] = [v[98][0] if v[98][0] is not None else 3, None, None, None]
    ds["E"] = write_wide("four_raters_ord5_missing.csv", v, 4)

    # F: continuous scores, 30 targets x 4 judges (judge offsets, so ICC1/ICC2/ICC3 differ), one decimal.
    rng = np.random.default_rng(3006)
    target = rng.normal(50.0, 8.0, 30)
    judge = np.array([0.0, 2.5, -1.5, 4.0])
    x = target[:, None] + judge[None, :] + rng.normal(0.0, 4.0, (30, 4))
    rows = [[float("%.1f" % val) for val in r] for r in x]
    ds["F"] = write_wide("icc_continuous_30x4.csv", rows, 4)

    # G: 2 columns of continuous scores rounded to halves (many ties), 120 units, complete.
    rng = np.random.default_rng(3007)
    t = rng.normal(0.0, 1.0, 120)
    a = np.round((t + rng.normal(0, 0.6, 120)) * 2 + 6) / 2
    b = np.round((0.8 * t + rng.normal(0, 0.8, 120)) * 2 + 5) / 2
    rows = [[float(p), float(q)] for p, q in zip(a, b)]
    ds["G"] = write_wide("two_raters_ties_continuous.csv", rows, 2)

    # H: 2 raters x 100 units, nominal text categories safe/unclear/unsafe, ~8% missing.
    rng = np.random.default_rng(3008)
    labels = ["safe", "unclear", "unsafe"]
    truth = rng.choice(3, size=100, p=[0.5, 0.2, 0.3])
    rows = []
    for tr in truth:
        row = []
        for _ in range(2):
            c = tr if rng.random() < 0.75 else rng.integers(0, 3)
            row.append(labels[int(c)])
        rows.append(row)
    rows = knock_out(rng, rows, 0.08)
    ds["H"] = write_wide("two_raters_nominal_text_missing.csv", rows, 2)

    # I: prob,label for calibration and Brier: 300 items, probabilities with 4 decimals, none on an edge k/M of
    # equal-width bins for any M in 1..20 (so left- and right-closed binning agree), labels Bernoulli(p^1.3).
    rng = np.random.default_rng(3009)
    probs = []
    while len(probs) < 300:
        p = round(float(rng.beta(2.0, 1.6)), 4)
        if p <= 0.0 or p >= 1.0:
            continue
        fp = Fraction(p).limit_denominator(10000)
        if any((fp * m).denominator == 1 for m in range(1, 21)):
            continue
        probs.append(p)
    labels01 = [int(rng.random() < p ** 1.3) for p in probs]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["prob", "label"])
    for p, y in zip(probs, labels01):
        w.writerow(["%.4f" % p, y])
    with open(os.path.join(DATA, "calibration_300.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    ds["I"] = "data/calibration_300.csv"
    return ds


# ---------------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------------

def both_rated(rows, i=0, j=1):
    """Units rated by both raters i and j (pairwise complete)."""
    return [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]


def cross_table(pairs, cats):
    idx = {c: k for k, c in enumerate(cats)}
    t = np.zeros((len(cats), len(cats)))
    for a, b in pairs:
        t[idx[a], idx[b]] += 1
    return t


def count_table(rows, cats):
    """Units x declared categories table of counts (unused declared categories are zero columns)."""
    idx = {c: k for k, c in enumerate(cats)}
    t = np.zeros((len(rows), len(cats)))
    for i, r in enumerate(rows):
        for v in r:
            if v is not None:
                t[i, idx[v]] += 1
    return t


def f(x):
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("non-finite expected value")
    return x


def entry(statistic, inp, options, source, expected, tolerance=TOL, notes=None):
    e = {"statistic": statistic, "input": inp, "options": options, "source": source,
         "expected": expected, "tolerance": tolerance}
    if notes:
        e["notes"] = notes
    return e


def cats_option(cats):
    return ",".join(c if isinstance(c, str) else str(int(c)) for c in cats)


# ---------------------------------------------------------------------------------------------------------------------
# Krippendorff's alpha, straight from Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
# ---------------------------------------------------------------------------------------------------------------------

def krippendorff_alpha(rows, level):
    """rows: units x coders, None = missing. Units with fewer than two values are not pairable and drop out."""
    units = [[v for v in r if v is not None] for r in rows]
    units = [u for u in units if len(u) >= 2]
    values = sorted({v for u in units for v in u})
    ix = {v: k for k, v in enumerate(values)}
    V = len(values)
    # Coincidence matrix: every ordered pair of values from different coders in unit u adds 1/(m_u - 1).
    o = [[0.0] * V for _ in range(V)]
    for u in units:
        m = len(u)
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[ix[u[a]]][ix[u[b]]] += 1.0 / (m - 1)
    n_c = [sum(o[c]) for c in range(V)]
    n = sum(n_c)

    def delta2(c, k):
        if c == k:
            return 0.0
        if level == "nominal":
            return 1.0
        if level == "ordinal":
            lo, hi = min(c, k), max(c, k)
            return (sum(n_c[g] for g in range(lo, hi + 1)) - (n_c[c] + n_c[k]) / 2.0) ** 2
        vc, vk = values[c], values[k]
        if level == "interval":
            return (vc - vk) ** 2
        if level == "ratio":
            return ((vc - vk) / (vc + vk)) ** 2
        raise ValueError(level)

    d_o = sum(o[c][k] * delta2(c, k) for c in range(V) for k in range(V))
    d_e = sum(n_c[c] * n_c[k] * delta2(c, k) for c in range(V) for k in range(V))
    return 1.0 - (n - 1.0) * d_o / d_e


def check_krippendorff_2011():
    """Krippendorff (2011), section C: 4 observers x 12 units with missing values. Published: nominal .743,
    ordinal .815, interval .849, ratio .797 (rounded to 3 decimals)."""
    N = None
    A = [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N]
    B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3]
    C = [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N]
    D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]
    rows = [[A[u], B[u], C[u], D[u]] for u in range(12)]
    published = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
    got = {}
    for level, want in published.items():
        a = krippendorff_alpha(rows, level)
        got[level] = a
        if round(a, 3) != want:
            sys.exit("Krippendorff (2011) example: %s alpha %r, published %r" % (level, a, want))
    return got


# ---------------------------------------------------------------------------------------------------------------------
# Expected values
# ---------------------------------------------------------------------------------------------------------------------

def cohen_entries(inp, rows, cats, weights_list=("identity", "linear", "quadratic")):
    out = []
    pairs = both_rated(rows)
    table = cross_table(pairs, cats)
    numeric = not isinstance(cats[0], str)
    y1 = [a for a, _ in pairs]
    y2 = [b for _, b in pairs]
    for weights in weights_list:
        opts = {"weights": weights, "categories": cats_option(cats), "confidence": 0.95}
        if weights == "identity":
            res = inter_rater.cohens_kappa(table)
        else:
            if not numeric:
                continue
            res = inter_rater.cohens_kappa(table, weights=np.asarray(cats, float), wt=weights)
        out.append(entry(
            "cohen_kappa", inp, opts,
            "statsmodels.stats.inter_rater.cohens_kappa (KappaResults kappa, std_kappa, std_kappa0, z_value, "
            "pvalue_two_sided, kappa_low, kappa_upp) " + SRC_SM,
            {"value": f(res.kappa), "se": f(res.std_kappa), "se0": f(res.std_kappa0), "z": f(res.z_value),
             "p_value": f(res.pvalue_two_sided), "ci_lower": f(res.kappa_low), "ci_upper": f(res.kappa_upp)},
            notes="units rated by both raters only; table over the declared categories; SE and SE0 of "
                  "Fleiss, Cohen & Everitt (1969); CI = value -/+ z(0.975) se; z = value/se0"))
        sk = sklearn.metrics.cohen_kappa_score(y1, y2, labels=cats,
                                               weights=None if weights == "identity" else weights)
        if abs(sk - res.kappa) > 1e-12:
            sys.exit("sklearn and statsmodels disagree on %s %s" % (inp, weights))
        out.append(entry("cohen_kappa", inp, {"weights": weights, "categories": cats_option(cats)},
                         "sklearn.metrics.cohen_kappa_score(labels=categories, weights=None|'linear'|'quadratic') "
                         + SRC_SK, {"value": f(sk)},
                         notes="units rated by both raters only"))
    return out


def percent_agreement_two(inp, rows, cats):
    pairs = both_rated(rows)
    acc = sklearn.metrics.accuracy_score([a for a, _ in pairs], [b for _, b in pairs])
    return entry("percent_agreement", inp, {"definition": "pairwise", "categories": cats_option(cats)},
                 "sklearn.metrics.accuracy_score(rater1, rater2) " + SRC_SK, {"value": f(acc)},
                 notes="units rated by both raters only (units with one rating carry no pair)")


def multirater_entries(inp, rows, cats, complete):
    out = []
    table = count_table(rows, cats)
    if complete:
        k_f = inter_rater.fleiss_kappa(table, method="fleiss")
        out.append(entry("fleiss_kappa", inp, {"categories": cats_option(cats)},
                         "statsmodels.stats.inter_rater.fleiss_kappa(table, method='fleiss') " + SRC_SM,
                         {"value": f(k_f)}, notes="complete data; statsmodels gives no standard error"))
        if len(rows[0]) == 2:
            out.append(entry("scott_pi", inp, {"categories": cats_option(cats)},
                             "statsmodels.stats.inter_rater.fleiss_kappa(table, method='fleiss') " + SRC_SM,
                             {"value": f(k_f)},
                             notes="Fleiss' kappa with two raters and complete data is Scott's pi"))
        tab_used = table
    else:
        # Only 2 raters: the units with both ratings. Brennan-Prediger's chance agreement 1/q does not depend on
        # the data, and units with one rating carry no pair, so this is Gwet's (2014) coefficient with missing data.
        assert len(rows[0]) == 2
        tab_used = count_table([r for r in rows if r[0] is not None and r[1] is not None], cats)
    k_r = inter_rater.fleiss_kappa(tab_used, method="randolph")
    out.append(entry("brennan_prediger", inp, {"categories": cats_option(cats)},
                     "statsmodels.stats.inter_rater.fleiss_kappa(table, method='randolph') " + SRC_SM,
                     {"value": f(k_r)},
                     notes="count table over the declared categories, so q = number of declared categories "
                           "(%d), unused ones included; %s" % (len(cats), "complete data" if complete else
                                                             "units rated by both raters only")))
    if complete and len(rows[0]) > 2:
        q = len(cats)
        p_o = k_r * (1.0 - 1.0 / q) + 1.0 / q
        out.append(entry("percent_agreement", inp, {"definition": "pairwise", "categories": cats_option(cats)},
                         "derived from statsmodels.stats.inter_rater.fleiss_kappa(table, method='randolph') "
                         + SRC_SM + ": p_o = kappa_R (1 - 1/q) + 1/q",
                         {"value": f(p_o)},
                         notes="pairwise agreement: mean over units of agreeing rater pairs / all rater pairs"))
    return out


def krippendorff_entries(inp, rows, levels):
    return [entry("krippendorff_alpha", inp, {"level": level}, SRC_KRIPP,
                  {"value": f(krippendorff_alpha(rows, level))},
                  notes="units with fewer than two ratings are not pairable and drop out")
            for level in levels]


def correlation_entries(inp, rows):
    pairs = both_rated(rows)
    x = np.array([a for a, _ in pairs], float)
    y = np.array([b for _, b in pairs], float)
    rho = scipy.stats.spearmanr(x, y)
    tau = scipy.stats.kendalltau(x, y, variant="b", method="asymptotic")
    return [
        entry("spearman", inp, {}, "scipy.stats.spearmanr(x, y) (statistic, pvalue) " + SRC_SP,
              {"value": f(rho.statistic), "p_value": f(rho.pvalue)},
              notes="units rated by both raters only; mid-ranks for ties; two-sided p from Student's t with n-2 "
                    "df on t = rho sqrt((n-2)/(1-rho^2))"),
        entry("kendall_tau_b", inp, {},
              "scipy.stats.kendalltau(x, y, variant='b', method='asymptotic') (statistic, pvalue) " + SRC_SP,
              {"value": f(tau.statistic), "p_value": f(tau.pvalue)},
              notes="units rated by both raters only; two-sided normal p of S = concordant - discordant with the "
                    "tie-corrected variance of Kendall (1970)"),
    ]


def calibration_entries(inp):
    with open(os.path.join(HERE, inp), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    p = np.array([float(r[0]) for r in rows])
    y = np.array([int(r[1]) for r in rows])
    out = []
    for m in (10, 15):
        prob_true, prob_pred = sklearn.calibration.calibration_curve(y, p, n_bins=m, strategy="uniform")
        counts, _ = np.histogram(p, bins=m, range=(0.0, 1.0))
        counts = counts[counts > 0]
        assert len(counts) == len(prob_true)
        out.append(entry(
            "calibration", inp, {"bins": m, "binning": "equal_width", "variant": "positive_class"},
            "sklearn.calibration.calibration_curve(y, p, n_bins=%d, strategy='uniform') " % m + SRC_SK
            + " (bin_observed_frequency = prob_true, bin_mean_confidence = prob_pred); numpy.histogram(p, bins=%d, "
              "range=(0, 1)) " % m + SRC_NP + " (bin_counts)",
            {"bin_observed_frequency": [f(v) for v in prob_true], "bin_mean_confidence": [f(v) for v in prob_pred],
             "bin_counts": [int(c) for c in counts]},
            notes="non-empty bins only, in increasing order (compare after dropping empty bins); no probability "
                  "lies on a bin edge, so edge conventions do not matter; ece/mce are not computed by sklearn"))
    out.append(entry("brier", inp, {}, "sklearn.metrics.brier_score_loss(y, p) " + SRC_SK,
                     {"brier": f(sklearn.metrics.brier_score_loss(y, p))},
                     notes="mean of (p - y)^2; sklearn has no decomposition"))
    return out


def main():
    kripp_check = check_krippendorff_2011()
    ds = make_datasets()
    c4 = [1.0, 2.0, 3.0, 4.0]
    c5 = [1.0, 2.0, 3.0, 4.0, 5.0]
    text = ["safe", "unclear", "unsafe"]
    data = {k: read_wide(v) for k, v in ds.items() if k != "I"}

    entries = []
    # Two raters.
    entries += cohen_entries(ds["A"], data["A"], c4)
    entries += cohen_entries(ds["A"], data["A"], c5)          # declared category 5 is never used
    entries += cohen_entries(ds["B"], data["B"], c5)
    entries += cohen_entries(ds["H"], data["H"], text)
    for key, cats in (("A", c4), ("A", c5), ("B", c5), ("H", text)):
        entries.append(percent_agreement_two(ds[key], data[key], cats))
        entries += multirater_entries(ds[key], data[key], cats, complete=(key == "B"))
    # Several raters, complete.
    for key in ("C", "D"):
        entries += multirater_entries(ds[key], data[key], c5, complete=True)
    # Krippendorff's alpha.
    all_levels = ("nominal", "ordinal", "interval", "ratio")
    entries += krippendorff_entries(ds["A"], data["A"], all_levels)
    entries += krippendorff_entries(ds["E"], data["E"], all_levels)
    entries += krippendorff_entries(ds["D"], data["D"], all_levels)
    entries += krippendorff_entries(ds["F"], data["F"], ("interval", "ratio"))
    entries += krippendorff_entries(ds["H"], data["H"], ("nominal",))
    # Rank correlations.
    for key in ("A", "B", "G"):
        entries += correlation_entries(ds[key], data[key])
    # Calibration and Brier.
    entries += calibration_entries(ds["I"])

    write_entries(os.path.join(HERE, "expected-python.json"), entries)
    assemble()
    print("Krippendorff (2011) example reproduced: %s" % ", ".join("%s %.6f" % kv for kv in kripp_check.items()))
    print("wrote %d python entries; expected.json assembled" % len(entries))


def write_entries(path, entries):
    """One entry per line inside a JSON array; floats as Python repr (shortest round-trip form)."""
    lines = [json.dumps(e, ensure_ascii=False, allow_nan=False) for e in entries]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("[\n" + ",\n".join(lines) + "\n]\n")


def read_entry_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh]
    body = [ln[:-1] if ln.endswith(",") else ln for ln in lines if ln not in ("[", "]", "")]
    for ln in body:
        json.loads(ln)  # every line is one entry
    return body


def assemble():
    """expected.json = the entries of expected-python.json followed by those of expected-r.json (same format;
    generate.R assembles identically after writing expected-r.json)."""
    lines = read_entry_lines(os.path.join(HERE, "expected-python.json"))
    lines += read_entry_lines(os.path.join(HERE, "expected-r.json"))
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("[\n" + ",\n".join(lines) + "\n]\n")
    json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))


if __name__ == "__main__":
    main()
