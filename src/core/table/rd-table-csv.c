/* rd-table-csv.c
 *
 * A CSV read as a stream: the file in blocks, each decoded as it comes
 * (UTF-8 checked, or GB18030 through GIConv), then cut into cells by a
 * state machine that survives the end of a block anywhere, even inside a
 * quoted cell or between the CR and LF of a line end.
 *
 * Only the delimiter, the quote and the line ends matter to the machine;
 * they are ASCII, and in UTF-8 no byte of a longer character is ASCII, so it
 * walks bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-table-private.h"

#define BLOCK_BYTES   (256 * 1024)
#define SNIFF_LINES   50
/* Rows between two looks at the cancellable. */
#define CANCEL_EVERY  4096

typedef enum
{
  CELL_START,      /* nothing of the cell yet */
  CELL_PLAIN,      /* in an unquoted cell */
  CELL_QUOTED,     /* inside quotes */
  CELL_QUOTE,      /* a quote inside quotes: the end, or the first of "" */
} CellState;

typedef struct
{
  RdTable          *table;
  RdTableRowFunc    func;
  gpointer          user_data;
  GCancellable     *cancellable;

  char              delimiter;
  CellState         state;
  gboolean          after_cr;       /* the last byte was a CR: an LF now is its pair */
  gboolean          at_start;       /* nothing decoded yet: a BOM may come */
  gboolean          in_row;         /* some of the record has been read */
  gsize             cell_start;
  guint64           line;           /* the line being read, 1-based */
  guint64           row_line;       /* the line the record began on */
  guint64           quote_line;     /* where the open quote is */
  guint             rows_since_check;
  gboolean          stopped;        /* the callback stopped without an error */
  RdTableRowBuf     row;
} Parser;

/* Sniffing */

/* The delimiter whose count per line (outside quotes) is the same on most
 * of the first lines: leading comment lines and a trailing partial line
 * then count for little. */
static char
sniff_delimiter (const guint8 *head,
                 gsize         len)
{
  static const char candidates[] = { ',', '\t', ';' };
  guint counts[SNIFF_LINES][G_N_ELEMENTS (candidates)] = { { 0 } };
  guint n_lines = 0;
  gboolean quoted = FALSE;
  char best = ',';
  guint best_freq = 0, best_mode = 0;

  for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
    {
      guint8 c = head[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (c == '\r' && i + 1 < len && head[i + 1] == '\n')
            i++;
          n_lines++;
        }
      else if (!quoted)
        {
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            if (c == (guint8) candidates[k])
              counts[n_lines][k]++;
        }
    }
  /* A block cut short leaves its last line unfinished: not counted. */

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      for (guint a = 0; a < n_lines; a++)
        {
          guint mode = counts[a][k], freq = 0;

          if (mode == 0)
            continue;
          for (guint b = 0; b < n_lines; b++)
            if (counts[b][k] == mode)
              freq++;
          if (freq > best_freq || (freq == best_freq && mode > best_mode))
            {
              best = candidates[k];
              best_freq = freq;
              best_mode = mode;
            }
        }
    }
  /* One line only (or none finished): the most frequent on what there is. */
  if (best_freq == 0)
    {
      guint most = 0;

      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        {
          guint n = 0;

          quoted = FALSE;
          for (gsize i = 0; i < len; i++)
            {
              if (head[i] == '"')
                quoted = !quoted;
              else if (!quoted && head[i] == (guint8) candidates[k])
                n++;
            }
          if (n > most)
            {
              most = n;
              best = candidates[k];
            }
        }
    }
  return best;
}

/* How long the UTF-8 sequence `lead` starts is, 0 when it cannot start one. */
static guint
utf8_sequence_length (guint8 lead)
{
  if (lead < 0x80)
    return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

/* Whether p[0..n) is the beginning of one UTF-8 character, cut short. */
static gboolean
is_cut_utf8 (const guint8 *p,
             gsize         n)
{
  guint want = utf8_sequence_length (p[0]);

  if (want < 2 || n >= want)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
has_high_byte (const guint8 *p,
               gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Valid UTF-8, NULs aside (g_utf8_validate stops at one). */
static gboolean
is_utf8 (const guint8 *p,
         gsize         n,
         gboolean      complete)
{
  while (n > 0)
    {
      const char *end = NULL;
      gsize good;

      if (g_utf8_validate_len ((const char *) p, n, &end))
        return TRUE;
      good = (const guint8 *) end - p;
      if (p[good] == '\0')
        {
          p += good + 1;
          n -= good + 1;
          continue;
        }
      return !complete && is_cut_utf8 (p + good, n - good);
    }
  return TRUE;
}

gboolean
_rd_table_csv_open (RdTable       *table,
                    const guint8  *head,
                    gsize          head_len,
                    GError       **error)
{
  struct stat st;
  gboolean complete;

  complete = (g_stat (table->path, &st) == 0 && (guint64) st.st_size <= head_len);
  if (is_utf8 (head, head_len, complete))
    {
      table->encoding = "UTF-8";
      table->csv_switch_ok = !has_high_byte (head, head_len);
    }
  else
    {
      table->encoding = "GB18030";
    }
  /* In GB18030 as in UTF-8, no byte of a Chinese character is a delimiter,
   * a quote or a line end: the raw bytes will do. */
  table->delimiter = sniff_delimiter (head, head_len);
  return TRUE;
}

/* The state machine */

static gboolean
end_cell (Parser  *parser,
          GError **error)
{
  RdTableRowBuf *row = &parser->row;
  char *cell = row->text + parser->cell_start;
  gsize len = row->len - parser->cell_start;

  /* Exports write numbers as `123 or 123<TAB> so that Excel keeps them as
   * text; neither mark is part of the value. */
  if (len > 0 && cell[0] == '`')
    {
      memmove (cell, cell + 1, len - 1);
      len--;
    }
  while (len > 0 && cell[len - 1] == '\t')
    len--;
  row->len = parser->cell_start + len;

  if (!_rd_table_row_buf_end_cell (row, parser->cell_start, RD_TABLE_CELL_TEXT, error))
    return FALSE;
  parser->cell_start = row->len;
  parser->state = CELL_START;
  return TRUE;
}

static gboolean
end_row (Parser  *parser,
         GError **error)
{
  gboolean ok;
  /* A line with nothing on it is a row of no cells; "" is one empty cell. */
  gboolean blank = (parser->row.n_cells == 0 && parser->state == CELL_PLAIN &&
                    parser->row.len == parser->cell_start);

  if (parser->in_row && !blank && !end_cell (parser, error))
    return FALSE;
  ok = _rd_table_row_buf_emit (&parser->row, parser->row_line, parser->func,
                               parser->user_data, &parser->stopped, error);
  _rd_table_row_buf_reset (&parser->row);
  parser->cell_start = 0;
  parser->in_row = FALSE;
  parser->state = CELL_START;
  if (!ok)
    return FALSE;
  if (++parser->rows_since_check == CANCEL_EVERY)
    {
      parser->rows_since_check = 0;
      if (g_cancellable_set_error_if_cancelled (parser->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_cell_size (Parser  *parser,
                 GError **error)
{
  if (parser->row.len - parser->cell_start <= RD_TABLE_MAX_CELL_BYTES)
    return TRUE;
  g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_TOO_LARGE,
               _("A cell that starts on line %llu of “%s” is longer than 1 MiB. "
                 "A quote may be missing its closing quote; check the file in a text editor."),
               (unsigned long long) parser->row_line, parser->table->display_name);
  return FALSE;
}

/* Feeds decoded UTF-8 to the state machine. FALSE on an error or when the
 * callback stopped. */
static gboolean
feed (Parser      *parser,
      const char  *data,
      gsize        n,
      GError     **error)
{
  const char *p = data, *end = data + n;
  const char delim = parser->delimiter;

  if (parser->at_start && n > 0)
    {
      if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
      parser->at_start = FALSE;
    }

  while (p < end)
    {
      char c = *p;

      if (parser->after_cr)
        {
          parser->after_cr = FALSE;
          if (c == '\n')
            {
              p++;
              continue;
            }
        }

      if (c == '\0')
        {
          p++;
          continue;
        }

      if (!parser->in_row)
        {
          parser->in_row = TRUE;
          parser->row_line = parser->line;
        }

      switch (parser->state)
        {
        case CELL_START:
          if (c == '"')
            {
              parser->state = CELL_QUOTED;
              parser->quote_line = parser->line;
              p++;
              continue;
            }
          parser->state = CELL_PLAIN;
          G_GNUC_FALLTHROUGH;

        case CELL_PLAIN:
          {
            /* A run of ordinary bytes at once. */
            const char *run = p;

            while (p < end && *p != delim && *p != '\n' && *p != '\r' && *p != '\0')
              p++;
            if (p > run)
              {
                _rd_table_row_buf_append (&parser->row, run, p - run);
                if (!check_cell_size (parser, error))
                  return FALSE;
              }
            if (p == end || *p == '\0')
              continue;
            c = *p++;
            if (c == delim)
              {
                if (!end_cell (parser, error))
                  return FALSE;
                /* in_row stays: a delimiter at the end means one more empty cell */
              }
            else
              {
                parser->after_cr = (c == '\r');
                if (!end_row (parser, error))
                  return FALSE;
                parser->line++;
              }
          }
          break;

        case CELL_QUOTED:
          {
            const char *run = p;

            while (p < end && *p != '"' && *p != '\n' && *p != '\r' && *p != '\0')
              p++;
            if (p > run)
              _rd_table_row_buf_append (&parser->row, run, p - run);
            if (p == end || *p == '\0')
              {
                if (!check_cell_size (parser, error))
                  return FALSE;
                continue;
              }
            c = *p++;
            if (c == '"')
              parser->state = CELL_QUOTE;
            else
              {
                /* A line break inside the cell: kept as "\n", whatever the file used. */
                _rd_table_row_buf_append (&parser->row, "\n", 1);
                parser->after_cr = (c == '\r');
                parser->line++;
              }
            if (!check_cell_size (parser, error))
              return FALSE;
          }
          break;

        case CELL_QUOTE:
          p++;
          if (c == '"')
            {
              _rd_table_row_buf_append (&parser->row, "\"", 1);
              parser->state = CELL_QUOTED;
            }
          else if (c == delim)
            {
              if (!end_cell (parser, error))
                return FALSE;
            }
          else if (c == '\n' || c == '\r')
            {
              parser->after_cr = (c == '\r');
              if (!end_row (parser, error))
                return FALSE;
              parser->line++;
            }
          else
            {
              /* "abc"def: not RFC 4180; Excel keeps the rest as text. */
              _rd_table_row_buf_append (&parser->row, &c, 1);
              parser->state = CELL_PLAIN;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
finish (Parser  *parser,
        GError **error)
{
  if (parser->state == CELL_QUOTED)
    {
      g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_CORRUPT,
                   _("“%s” ends inside a quoted cell that starts on line %llu"
                     ": the file is cut off or a closing quote is missing. Export it again."),
                   parser->table->display_name, (unsigned long long) parser->quote_line);
      return FALSE;
    }
  if (parser->in_row)
    return end_row (parser, error);
  return TRUE;
}

/* Decoding */

static void
set_encoding_error (Parser  *parser,
                    GError **error)
{
  g_set_error (error, RD_TABLE_ERROR, RD_TABLE_ERROR_ENCODING,
               _("Line %llu of “%s” is neither UTF-8 nor GB18030 text. "
                 "Export the file again, or open it in Excel and save it as “CSV UTF-8”."),
               (unsigned long long) parser->line, parser->table->display_name);
}

typedef struct
{
  GIConv   cd;
  char    *out;
  gsize    out_cap;
} Gb18030;

/* Converts as much of in[0..*n) as forms whole characters and feeds it;
 * what is left (a character cut by the block's end) stays in in[0..*n). */
static gboolean
feed_gb18030 (Parser   *parser,
              Gb18030  *conv,
              char     *in,
              gsize    *n,
              gboolean  last,
              GError  **error)
{
  char *inp = in;
  gsize in_left = *n;

  while (in_left > 0)
    {
      char *outp = conv->out;
      gsize out_left = conv->out_cap;
      gsize r = g_iconv (conv->cd, &inp, &in_left, &outp, &out_left);
      int saved_errno = errno;

      if (outp > conv->out && !feed (parser, conv->out, outp - conv->out, error))
        return FALSE;
      if (r != (gsize) -1)
        continue;
      if (saved_errno == E2BIG)
        continue;
      if (saved_errno == EINVAL && !last)
        break;
      /* The parser has the text up to the bad byte: its line is the one. */
      set_encoding_error (parser, error);
      return FALSE;
    }
  memmove (in, inp, in_left);
  *n = in_left;
  return TRUE;
}

/* Feeds UTF-8 from in[0..*n); on a byte that is not UTF-8 in a file that was
 * plain ASCII so far, the rest is GB18030 (*switched). */
static gboolean
feed_utf8 (Parser   *parser,
           char     *in,
           gsize    *n,
           gboolean  last,
           gboolean *switched,
           GError  **error)
{
  const char *p = in;
  gsize left = *n;

  while (left > 0)
    {
      const char *end = NULL;
      gsize good;

      if (g_utf8_validate_len (p, left, &end))
        {
          if (parser->table->csv_switch_ok && has_high_byte ((const guint8 *) p, left))
            parser->table->csv_switch_ok = FALSE;
          if (!feed (parser, p, left, error))
            return FALSE;
          left = 0;
          break;
        }
      good = end - p;
      if (parser->table->csv_switch_ok && has_high_byte ((const guint8 *) p, good))
        parser->table->csv_switch_ok = FALSE;
      if (good > 0 && !feed (parser, p, good, error))
        return FALSE;
      p += good;
      left -= good;
      if (*p == '\0')
        {
          p++;
          left--;
          continue;
        }
      if (!last && is_cut_utf8 ((const guint8 *) p, left))
        break;
      if (parser->table->csv_switch_ok)
        {
          *switched = TRUE;
          break;
        }
      set_encoding_error (parser, error);
      return FALSE;
    }
  memmove (in, p, left);
  *n = left;
  return TRUE;
}

gboolean
_rd_table_csv_read (RdTable         *table,
                    RdTableRowFunc   func,
                    gpointer         user_data,
                    GCancellable    *cancellable,
                    GError         **error)
{
  FILE *file;
  Parser parser = { 0 };
  Gb18030 conv = { (GIConv) -1, NULL, 0 };
  g_autofree char *block = NULL;
  gsize pending = 0;
  gboolean ok = TRUE, eof = FALSE;
  struct stat st;
  int saved_errno;

  file = g_fopen (table->path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("“%s” could not be opened: %s."), table->path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fileno (file), &st) == 0)
    table->total = st.st_size;

  parser.table = table;
  parser.func = func;
  parser.user_data = user_data;
  parser.cancellable = cancellable;
  parser.delimiter = table->delimiter;
  parser.state = CELL_START;
  parser.at_start = TRUE;
  parser.line = 1;
  _rd_table_row_buf_init (&parser.row);

  /* A little room past the block for a character cut by the last one. */
  block = g_malloc (BLOCK_BYTES + 8);

  while (ok && !eof)
    {
      size_t got;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      got = fread (block + pending, 1, BLOCK_BYTES, file);
      if (got < BLOCK_BYTES)
        {
          if (ferror (file))
            {
              saved_errno = errno;
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("“%s” could not be read: %s."), table->path,
                           g_strerror (saved_errno));
              ok = FALSE;
              break;
            }
          eof = TRUE;
        }
      table->done += got;
      pending += got;

      if (g_strcmp0 (table->encoding, "UTF-8") == 0)
        {
          gboolean switched = FALSE;

          ok = feed_utf8 (&parser, block, &pending, eof, &switched, error);
          if (ok && switched)
            table->encoding = "GB18030";
        }
      if (ok && g_strcmp0 (table->encoding, "GB18030") == 0 && pending > 0)
        {
          if (conv.cd == (GIConv) -1)
            {
              conv.cd = g_iconv_open ("UTF-8", "GB18030");
              if (conv.cd == (GIConv) -1)
                {
                  g_set_error_literal (error, RD_TABLE_ERROR, RD_TABLE_ERROR_ENCODING,
                                       _("This computer cannot read GB18030 text. "
                                         "Open the file in Excel and save it as “CSV UTF-8”."));
                  ok = FALSE;
                  break;
                }
              conv.out_cap = 4 * (BLOCK_BYTES + 8);
              conv.out = g_malloc (conv.out_cap);
            }
          ok = feed_gb18030 (&parser, &conv, block, &pending, eof, error);
        }
    }

  if (ok && eof && pending > 0)
    {
      set_encoding_error (&parser, error);
      ok = FALSE;
    }
  if (ok)
    ok = finish (&parser, error);
  if (!ok && parser.stopped)
    ok = TRUE;

  fclose (file);
  if (conv.cd != (GIConv) -1)
    g_iconv_close (conv.cd);
  g_free (conv.out);
  _rd_table_row_buf_clear (&parser.row);
  return ok;
}
