#!/usr/bin/env bash
# Records public API changes in PublicAPI.Unshipped.txt: adds what RS0016 reports as new, drops what RS0017
# reports as gone. Review the diff before committing: every line is a promise to users.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in ${@:-src/InstagramMessaging src/InstagramMessaging.Testing src/InstagramMessaging.AspNetCore src/InstagramMessaging.Redis}; do
  file="$project/PublicAPI.Unshipped.txt"
  log=$(dotnet build "$project" --no-incremental 2>&1 || true)
  added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" | sed -E "s/RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)
  removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$log" | sed -E "s/RS0017: Symbol '(.*)' is part of the declared API.*/\1/" | sort -u || true)
  { head -1 "$file"; { tail -n +2 "$file"; if [ -n "$added" ]; then echo "$added"; fi; } | { grep -vxF -f <(echo "${removed:-__none__}") || true; } | sort -u; } > "$file.new"
  mv "$file.new" "$file"
  echo "$project: $(grep -c . <<<"${added}" || true) added, $(grep -c . <<<"${removed}" || true) removed"
done
