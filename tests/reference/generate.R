# Cross-check reference values for `concord stats` from R's psych (Debian 12 r-cran-psych), on the data that
# generate.py wrote to tests/reference/data/. Writes tests/reference/expected-r.json, then assembles
# tests/reference/expected.json = entries of expected-python.json followed by those of expected-r.json
# (one entry per line; the same assembly as generate.py's). See README.md.
#
#   /usr/bin/python3 tests/reference/generate.py && Rscript tests/reference/generate.R
#
# No random numbers are drawn here; the output depends only on the committed CSV files.

suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script) == 1) dirname(normalizePath(script)) else "tests/reference"

platform <- "Debian 12"
src_psych <- sprintf("psych %s (%s r-cran-psych), R %s.%s", as.character(packageVersion("psych")), platform,
                     R.version$major, R.version$minor)
src_r <- sprintf("R %s.%s stats (%s r-base-core)", R.version$major, R.version$minor, platform)
tol <- 1e-9

# --- minimal JSON writer: numbers in the fewest of 15-17 significant digits that round-trip, keys in order ---------------
num <- function(x) {
  stopifnot(length(x) == 1, is.finite(x))
  if (x == round(x) && abs(x) < 1e15) return(sprintf("%.0f", x))
  for (digits in 15:17) {  # shortest of 15, 16, 17 significant digits that reads back exactly
    s <- sprintf("%.*g", digits, x)
    if (as.numeric(s) == x) return(s)
  }
  s
}
jstr <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}
obj <- function(...) {
  kv <- list(...)
  parts <- mapply(function(k, v) paste0(jstr(k), ": ", v), names(kv), kv)
  paste0("{", paste(parts, collapse = ", "), "}")
}
nums <- function(named) do.call(obj, lapply(named, num))

entry <- function(statistic, input, options, source, expected, notes = NULL) {
  e <- list(statistic = jstr(statistic), input = jstr(input), options = options, source = jstr(source),
            expected = expected, tolerance = num(tol))
  if (!is.null(notes)) e$notes <- jstr(notes)
  do.call(obj, e)
}

read_wide <- function(rel) {
  read.csv(file.path(here, rel), na.strings = "", stringsAsFactors = FALSE,
           check.names = FALSE)[, -1, drop = FALSE]
}

entries <- character(0)

# --- ICC: psych::ICC(x, lmer = FALSE, alpha = 0.05), complete data (two-way ANOVA by aov) --------------------------
for (rel in c("data/three_raters_ord5_complete.csv", "data/five_raters_ord5_complete.csv",
              "data/icc_continuous_30x4.csv")) {
  x <- read_wide(rel)
  stopifnot(!anyNA(x))
  r <- ICC(x, missing = TRUE, alpha = 0.05, lmer = FALSE)$results
  forms <- list()
  for (i in seq_len(nrow(r))) {
    forms[[r$type[i]]] <- nums(list(value = r$ICC[i], ci_lower = r[["lower bound"]][i],
                                    ci_upper = r[["upper bound"]][i], F = r$F[i], df1 = r$df1[i],
                                    df2 = r$df2[i], p_value = r$p[i]))
  }
  stopifnot(identical(names(forms), c("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")))
  entries <- c(entries, entry(
    "icc", rel, obj(confidence = num(0.95)),
    paste("psych::ICC(x, lmer = FALSE, alpha = 0.05)", src_psych),
    do.call(obj, forms),
    notes = paste("complete data; Shrout & Fleiss (1979) forms from the two-way ANOVA mean squares;",
                  "F-based intervals (ICC2: Satterthwaite df of Shrout & Fleiss, ICC2k by Spearman-Brown of the",
                  "ICC2 bounds); ICC1/ICC1k F = MSB/MSW, df (n-1, n(k-1)); others F = MSB/MSE, df (n-1, (n-1)(k-1))")))
}

# --- Cohen's kappa: psych::cohen.kappa on units rated by both raters --------------------------------------------
kappa_cases <- list(
  list(rel = "data/two_raters_ord4_missing.csv", levels = c("1", "2", "3", "4")),
  list(rel = "data/two_raters_ord4_missing.csv", levels = c("1", "2", "3", "4", "5")),
  list(rel = "data/two_raters_ord5_complete.csv", levels = c("1", "2", "3", "4", "5")),
  list(rel = "data/two_raters_nominal_text_missing.csv", levels = c("safe", "unclear", "unsafe")))
for (case in kappa_cases) {
  x <- na.omit(read_wide(case$rel))
  x[] <- lapply(x, as.character)
  k <- cohen.kappa(x, levels = case$levels, alpha = 0.05)
  cats <- paste(case$levels, collapse = ",")
  se <- sqrt(k$var.kappa)
  entries <- c(entries, entry(
    "cohen_kappa", case$rel, obj(weights = jstr("identity"), categories = jstr(cats), confidence = num(0.95)),
    paste("psych::cohen.kappa(x, levels = categories, alpha = 0.05) (kappa, sqrt(var.kappa), confid)", src_psych),
    nums(list(value = k$kappa, se = se, ci_lower = k$confid[1, 1], ci_upper = k$confid[1, 3])),
    notes = "units rated by both raters only; var.kappa of Fleiss, Cohen & Everitt (1969); CI = value -/+ z(0.975) se"))
  numeric_levels <- !any(is.na(suppressWarnings(as.numeric(case$levels))))
  if (numeric_levels) {
    # psych's default weights: agreement 1 - (i - j)^2 / (q - 1)^2 on category positions = quadratic weights for
    # equally spaced categories. Only the estimate: psych's var.weighted uses rs_j * sum_k w_jk where Fleiss, Cohen
    # & Everitt have sum_k p_k. w_kj, so it differs from the FCE variance (checked against statsmodels).
    entries <- c(entries, entry(
      "cohen_kappa", case$rel, obj(weights = jstr("quadratic"), categories = jstr(cats)),
      paste("psych::cohen.kappa(x, levels = categories) (weighted.kappa, default squared-distance weights)",
            src_psych),
      nums(list(value = k$weighted.kappa)),
      notes = "units rated by both raters only; estimate only (psych's var.weighted is not the FCE variance)"))
  }
}

# --- Spearman and Kendall tau-b: stats::cor.test, asymptotic -------------------------------------------------------
for (rel in c("data/two_raters_ord4_missing.csv", "data/two_raters_ord5_complete.csv",
              "data/two_raters_ties_continuous.csv")) {
  x <- na.omit(read_wide(rel))
  s <- suppressWarnings(cor.test(x[[1]], x[[2]], method = "spearman", exact = FALSE))
  entries <- c(entries, entry(
    "spearman", rel, obj(), paste("stats::cor.test(method = 'spearman', exact = FALSE) (estimate, p.value)", src_r),
    nums(list(value = unname(s$estimate), p_value = s$p.value)),
    notes = "units rated by both raters only; p from Student's t with n-2 df"))
  t <- suppressWarnings(cor.test(x[[1]], x[[2]], method = "kendall", exact = FALSE, continuity = FALSE))
  entries <- c(entries, entry(
    "kendall_tau_b", rel, obj(),
    paste("stats::cor.test(method = 'kendall', exact = FALSE, continuity = FALSE) (estimate, p.value)", src_r),
    nums(list(value = unname(t$estimate), p_value = t$p.value)),
    notes = "units rated by both raters only; tau-b; normal p with the tie-corrected variance of S"))
}

# --- write and assemble ----------------------------------------------------------------------------------------
write_array <- function(path, lines) {
  con <- file(path, open = "wb")
  writeChar(paste0("[\n", paste(lines, collapse = ",\n"), "\n]\n"), con, eos = NULL, useBytes = TRUE)
  close(con)
}
read_entry_lines <- function(path) {
  if (!file.exists(path)) return(character(0))
  l <- readLines(path, encoding = "UTF-8", warn = FALSE)
  l <- l[!(l %in% c("[", "]", ""))]
  sub(",$", "", l)
}
write_array(file.path(here, "expected-r.json"), entries)
write_array(file.path(here, "expected.json"),
            c(read_entry_lines(file.path(here, "expected-python.json")),
              read_entry_lines(file.path(here, "expected-r.json"))))
cat(sprintf("wrote %d R entries; expected.json assembled\n", length(entries)))
