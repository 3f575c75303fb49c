#!/usr/bin/env bash
# Fails when SQL is written outside model/studyfile/ and model/store/: the rest of the program asks the stores, so a
# table is read and written in one place. Names each file and line. Tests may inspect a study file with SQL.
# A string literal counts as SQL when it holds a statement keyword (SELECT, INSERT INTO, UPDATE … SET, DELETE FROM,
# PRAGMA, CREATE/DROP TABLE/INDEX/TRIGGER/VIEW, ATTACH, DETACH, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, VACUUM) or names sqlite_master.
set -euo pipefail
cd "$(dirname "$0")/.."

# Named exemptions, each with its reason: these copy rows between two study files (the study and an annotator
# package), reading one connection and writing the other by uuid, which no single-file store can express.
exempt=(
    model/package/annotatorpackage.cpp # the study's cases, assignments and events copied into a new package file
    model/package/packagemerge.cpp     # a package's events, notes and spans copied into the study, matched by uuid
)

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files 'app/*.cpp' 'app/*.h' 'ui/*.cpp' 'ui/*.h' 'model/*.cpp' 'model/*.h')
else
    mapfile -t files < <(find app ui model -name '*.cpp' -o -name '*.h' | sort)
fi
keywords='SELECT|INSERT +(OR +[A-Z]+ +)?INTO|UPDATE +"?[a-z_]+"? +SET|DELETE +FROM|PRAGMA|(CREATE|DROP) +(TEMP +)?(TABLE|INDEX|TRIGGER|VIEW)|ATTACH|DETACH|BEGIN( +(IMMEDIATE|EXCLUSIVE|DEFERRED))?|COMMIT|ROLLBACK|SAVEPOINT|RELEASE +[a-z_]+|VACUUM|sqlite_master'
found=0
checked=0
for file in "${files[@]}"; do
    case "$file" in model/studyfile/* | model/store/*) continue ;; esac
    skip=0
    for name in "${exempt[@]}"; do [ "$file" = "$name" ] && skip=1; done
    [ "$skip" -eq 1 ] && continue
    checked=$((checked + 1))
    # String literals only, comments removed first, so prose that mentions a keyword is not SQL.
    if hits=$(sed -E 's#^\s*//.*$##; s#\s//\s.*$##' "$file" | grep -nE "\"[^\"]*\\b($keywords)\\b[^\"]*\""); then
        while IFS= read -r hit; do
            echo "check-sql: $file:${hit%%:*}: SQL outside model/studyfile/ and model/store/: ${hit#*:}" | cut -c1-200 >&2
        done <<<"$hits"
        found=1
    fi
done
if [ "$found" -ne 0 ]; then
    echo "check-sql: move the statement into a store (model/store/) or the study file (model/studyfile/)" >&2
    exit 1
fi
echo "check-sql: $checked files outside the stores hold no SQL (${#exempt[@]} named exemptions)"
