/* rd-store-schema-ledger.c
 *
 * Schema version 13: two tables the ledger list (src/core/ledger) reads so
 * that a short search and the count and sums of a filter do not walk the
 * cases of a ten-million-case ledger. Both are derived from `cases` only,
 * kept by triggers in the transaction of each write, and are not shop data:
 * they are not in the audit chain (rd-audit-rows.c), which records `cases`
 * itself.
 *
 * case_name_grams: for a search of one or two characters, the buyer's
 * name. Per case with a name, every two-character substring of its
 * lowercased name (lower () as case_text has it) and its last character
 * alone, each with the case's id, once. A name holds the two characters q
 * when q is one of its grams; it holds the character c when one of its
 * grams starts with c (a c before another character starts a bigram, a c
 * at the end is the last character's gram). So a short search is an index
 * range instead of a scan of every case's text, and finds exactly the
 * cases whose case_text line of the name holds the text. Only the name:
 * the other fields are numbers and codes, of which two characters match a
 * large part of the ledger, and their grams would be most of the table
 * (about 60 per case instead of 3). Three characters or more still search
 * every field through the trigram index.
 *
 * case_totals: the count and the sums (amount paid, approved amount) of
 * the cases per UTC month of requested_at (as the Unix time of the month's
 * first second), status, kind, channel, reason and currency: a few
 * thousand rows per month, whatever the number of cases. A filter on those
 * columns adds up its rows instead of reading its cases; a local month is
 * the UTC months nearest to its ends, corrected by the cases between each
 * end and its UTC boundary (rd-ledger-query.c). A row whose count reaches
 * zero is deleted. The sums are of type ANY: a sum beyond 64 bits becomes
 * a REAL (SQLite's integer addition does that) instead of failing the
 * write, and the reader, seeing a REAL, walks the cases instead (whose
 * checked sum then says the total is too large).
 *
 * Bulk writing (rd-case-bulk.c) sets the insert triggers aside, runs
 * rd_store_name_grams_fill_sql for its cases at commit and adds their
 * totals to case_totals itself (added up in memory while it inserts them);
 * the migration fills both tables for every case with the same SQL.
 *
 * The positions 0 … length - 1 of a name are the keys of a JSON array of
 * that many zeros, built from the hex of a zeroblob ("000000" → "[0,0,0]"),
 * for json_each: a table-valued function takes the row's own length, where
 * a recursive CTE could only count up to a constant.
 */
#include "config.h"

#include "rd-store.h"
#include "rd-store-private.h"

/* Rows (gram) of the grams of the name expression x (not NULL, not ''). */
#define NAME_GRAMS(x) \
  "SELECT substr (lower (" x "), j.key + 1, 2) AS gram FROM json_each ('[' ||\n" \
  "    substr (replace (hex (zeroblob (length (lower (" x ")))), '00', ',0'), 2) || ']') AS j"

/* The month key of the row r: its UTC month's first second. */
#define MONTH_KEY(r) "unixepoch (" r ".requested_at, 'unixepoch', 'start of month')"

#define TOTALS_KEY_MATCH(r) \
  "month = " MONTH_KEY (r) " AND status = " r ".status AND kind = " r ".kind AND channel = " r ".channel\n" \
  "    AND reason = " r ".reason AND currency = " r ".currency"

#define TOTALS_ADD(r) \
  "INSERT INTO case_totals (month, status, kind, channel, reason, currency, n, paid, approved)\n" \
  "  VALUES (" MONTH_KEY (r) ", " r ".status, " r ".kind, " r ".channel, " r ".reason, " r ".currency, 1,\n" \
  "          " r ".amount_paid, coalesce (" r ".approved_amount, 0))\n" \
  "  ON CONFLICT DO UPDATE SET n = n + 1, paid = paid + excluded.paid, approved = approved + excluded.approved;\n"

#define TOTALS_REMOVE(r) \
  "UPDATE case_totals SET n = n - 1, paid = paid - " r ".amount_paid,\n" \
  "    approved = approved - coalesce (" r ".approved_amount, 0)\n" \
  "  WHERE " TOTALS_KEY_MATCH (r) ";\n" \
  "DELETE FROM case_totals WHERE " TOTALS_KEY_MATCH (r) " AND n = 0;\n"

/* What the insert triggers write, for the cases WHERE cond (on cases AS c). */
#define NAME_GRAMS_FILL(cond) \
  "INSERT OR IGNORE INTO case_name_grams (gram, id)\n" \
  "  SELECT substr (lower (c.buyer_name), j.key + 1, 2), c.id FROM cases AS c, json_each ('[' ||\n" \
  "    substr (replace (hex (zeroblob (length (lower (c.buyer_name)))), '00', ',0'), 2) || ']') AS j\n" \
  "  WHERE " cond " AND c.buyer_name <> ''\n" \
  "  ORDER BY 1, 2"

#define CASE_TOTALS_FILL(cond) \
  "INSERT INTO case_totals (month, status, kind, channel, reason, currency, n, paid, approved)\n" \
  "  SELECT " MONTH_KEY ("c") ", status, kind, channel, reason, currency, count(*), sum (amount_paid),\n" \
  "         coalesce (sum (approved_amount), 0)\n" \
  "  FROM cases AS c WHERE " cond " GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6\n" \
  "  ON CONFLICT DO UPDATE SET n = n + excluded.n, paid = paid + excluded.paid,\n" \
  "    approved = approved + excluded.approved"

const char rd_store_name_grams_fill_sql[] = NAME_GRAMS_FILL ("c.id >= ?1");

const char rd_ledger_schema_sql[] =
  "CREATE TABLE case_name_grams (\n"
  "  gram TEXT NOT NULL,\n"
  "  id   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (gram, id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TRIGGER cases_name_grams_ai AFTER INSERT ON cases WHEN new.buyer_name <> '' BEGIN\n"
  "  INSERT OR IGNORE INTO case_name_grams (gram, id) SELECT gram, new.id FROM (" NAME_GRAMS ("new.buyer_name") ");\n"
  "END;\n"
  "CREATE TRIGGER cases_name_grams_au AFTER UPDATE OF buyer_name ON cases\n"
  "  WHEN old.buyer_name IS NOT new.buyer_name BEGIN\n"
  "  DELETE FROM case_name_grams WHERE id = old.id AND old.buyer_name <> ''\n"
  "    AND gram IN (" NAME_GRAMS ("old.buyer_name") ");\n"
  "  INSERT OR IGNORE INTO case_name_grams (gram, id) SELECT gram, new.id FROM (" NAME_GRAMS ("new.buyer_name") ")\n"
  "    WHERE new.buyer_name <> '';\n"
  "END;\n"
  "CREATE TRIGGER cases_name_grams_ad AFTER DELETE ON cases WHEN old.buyer_name <> '' BEGIN\n"
  "  DELETE FROM case_name_grams WHERE id = old.id AND gram IN (" NAME_GRAMS ("old.buyer_name") ");\n"
  "END;\n"
  "CREATE TABLE case_totals (\n"
  "  month    INTEGER NOT NULL,\n"
  "  status   TEXT NOT NULL,\n"
  "  kind     TEXT NOT NULL,\n"
  "  channel  TEXT NOT NULL,\n"
  "  reason   TEXT NOT NULL,\n"
  "  currency TEXT NOT NULL,\n"
  "  n        INTEGER NOT NULL,\n"
  "  paid     ANY NOT NULL,\n"
  "  approved ANY NOT NULL,\n"
  "  PRIMARY KEY (month, status, kind, channel, reason, currency)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TRIGGER case_totals_ai AFTER INSERT ON cases BEGIN\n"
  TOTALS_ADD ("new")
  "END;\n"
  "CREATE TRIGGER case_totals_au AFTER UPDATE OF requested_at, status, kind, channel, reason, currency,\n"
  "  amount_paid, approved_amount ON cases BEGIN\n"
  TOTALS_REMOVE ("old")
  TOTALS_ADD ("new")
  "END;\n"
  "CREATE TRIGGER case_totals_ad AFTER DELETE ON cases BEGIN\n"
  TOTALS_REMOVE ("old")
  "END;\n"
  /* Every case already there. */
  NAME_GRAMS_FILL ("true") ";\n"
  CASE_TOTALS_FILL ("true") ";";
