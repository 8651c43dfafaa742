/* rd-templates.c
 *
 * Table reply_templates (id, title, body, situation, sort_order). The key
 * "templates-installed" in meta remembers that the defaults were
 * written once, so that a shop that deletes them does not get them back.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-audit.h"
#include "rd-templates.h"
#include "rd-store-txn.h"

static const struct
{
  const char *situation;
  const char *title;
  const char *body;
} defaults[] = {
  { "approved",
    N_("Refund approved"),
    N_("Hello! We have approved the refund of {amount} for order {order}. "
       "It goes back the way you paid; thank you for your patience. — {shop}") },
  { "intercept",
    N_("Waiting for the intercept"),
    N_("Hello! Your parcel for order {order} had already left. We have asked {courier} "
       "to stop it (tracking number {tracking}) and will refund as soon as it is on its way back, "
       "at the latest by {deadline}. — {shop}") },
  { "ask_return",
    N_("Asking for the return"),
    N_("Hello! Please send the goods of order {order} back, complete and with their packaging, "
       "and tell us the tracking number here. We refund {amount} as soon as the parcel is "
       "on its way. Please send it by {ship_by}. — {shop}") },
  { "signed_locker",
    N_("Parcel signed for: check the locker"),
    N_("Hello! {courier} shows the parcel of order {order} (tracking number {tracking}) as signed for. "
       "Parcel lockers and pickup stations often sign for you: could you check there, "
       "or with your doorman or family? If it is not there, tell us and we will follow up with the courier. — {shop}") },
  { "refused",
    N_("Refusal with the reason"),
    N_("Hello! We are sorry, but we cannot refund order {order}: {reason}. "
       "If you think we are wrong, reply with photos or the details and we will look again. — {shop}") },
  { "custom_partial",
    N_("Custom goods: partial refund"),
    N_("Hello! Your custom goods of order {order} were already in production, and the material "
       "and work done cannot be used again. We can refund {amount}, the price less the cost "
       "already incurred. Tell us if that is all right with you. — {shop}") },
  { "lost_resent",
    N_("Lost parcel resent"),
    N_("Hello! The parcel of order {order} was lost by {courier}. We are sorry: we have sent "
       "it again today, new tracking number {tracking}. You do not need to do anything; "
       "we settle the loss with the courier. — {shop}") },
  { "paid_arrival",
    N_("Refund paid, arrival time"),
    N_("Hello! The refund of {amount} for order {order} has been paid. It should arrive "
       "by {arrival}, depending on your bank or payment app. If it has not arrived by then, "
       "tell us and we will check. — {shop}") },
};

void
rd_template_free (RdTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->title);
  g_free (tmpl->body);
  g_free (tmpl->situation);
  g_free (tmpl);
}

char *
rd_template_fill (const char             *body,
                  const RdTemplateValues *values)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (body != NULL, NULL);

  out = g_string_sized_new (strlen (body) + 64);
  p = body;
  while (*p != '\0')
    {
      const char *close;
      const char *value = NULL;
      gsize len;

      if (*p != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      len = close - (p + 1);
#define PLACEHOLDER(name, field) \
      else if (values != NULL && len == strlen (name) && strncmp (p + 1, name, len) == 0) \
        value = values->field;
      if (FALSE) {}
      PLACEHOLDER ("order", order)
      PLACEHOLDER ("amount", amount)
      PLACEHOLDER ("courier", courier)
      PLACEHOLDER ("tracking", tracking)
      PLACEHOLDER ("deadline", deadline)
      PLACEHOLDER ("ship_by", ship_by)
      PLACEHOLDER ("arrival", arrival)
      PLACEHOLDER ("shop", shop)
      PLACEHOLDER ("reason", reason)
#undef PLACEHOLDER

      if (value != NULL)
        {
          g_string_append (out, value);
          p = close + 1;
        }
      else
        g_string_append_c (out, *p++);   /* keep "{" and scan on */
    }

  return g_string_free (out, FALSE);
}

/* The placeholders rd_template_fill_all knows, with what a missing one is
 * called in the text and in the message to the user. */
static const struct
{
  const char *name;
  gsize       offset;       /* in RdTemplateValues */
  const char *gap;          /* N_(): the gap left in the text */
} placeholders[] = {
  { "order",    G_STRUCT_OFFSET (RdTemplateValues, order),    N_("order number") },
  { "amount",   G_STRUCT_OFFSET (RdTemplateValues, amount),   N_("refund amount") },
  { "courier",  G_STRUCT_OFFSET (RdTemplateValues, courier),  N_("courier") },
  { "tracking", G_STRUCT_OFFSET (RdTemplateValues, tracking), N_("tracking number") },
  { "deadline", G_STRUCT_OFFSET (RdTemplateValues, deadline), N_("platform deadline") },
  { "ship_by",  G_STRUCT_OFFSET (RdTemplateValues, ship_by),  N_("ship-back date") },
  { "arrival",  G_STRUCT_OFFSET (RdTemplateValues, arrival),  N_("arrival date") },
  { "shop",     G_STRUCT_OFFSET (RdTemplateValues, shop),     N_("shop name") },
  { "reason",   G_STRUCT_OFFSET (RdTemplateValues, reason),   N_("refusal reason") },
};

#define PLACEHOLDER_MAX_BYTES 32

static void
add_missing (GPtrArray  *missing,
             const char *what)
{
  if (missing == NULL)
    return;
  for (guint i = 0; i < missing->len; i++)
    if (g_str_equal (g_ptr_array_index (missing, i), what))
      return;
  g_ptr_array_add (missing, g_strdup (what));
}

/* What {name} stands for in a template of this situation (see rd-templates.h). */
static const char *
placeholder_name (const char *name,
                  const char *situation)
{
  if (g_str_equal (name, "deadline") && g_strcmp0 (situation, "ask_return") == 0)
    return "ship_by";
  if (g_str_equal (name, "deadline") && g_strcmp0 (situation, "paid_arrival") == 0)
    return "arrival";
  return name;
}

static gboolean
step_done (RdStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  rd_store_set_error_from_db (store, rc, error);
  return FALSE;
}

static gboolean
insert_template (RdStore     *store,
                 RdTemplate  *tmpl,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_store_prepare (store,
                           "INSERT INTO reply_templates (title, body, situation, sort_order)"
                           " VALUES (?1, ?2, ?3, ?4) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tmpl->title != NULL ? tmpl->title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tmpl->body != NULL ? tmpl->body : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tmpl->situation != NULL ? tmpl->situation : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, tmpl->sort_order);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_store_set_error_from_db (store, sqlite3_errcode (rd_store_get_db (store)), error);
      return FALSE;
    }
  tmpl->id = sqlite3_column_int64 (stmt, 0);
  return step_done (store, stmt, error);
}

char *
rd_template_fill_all (const char             *body,
                      const char             *situation,
                      const RdTemplateValues *values,
                      GPtrArray              *missing)
{
  static const RdTemplateValues none = { 0 };
  GString *out;
  const char *p;

  g_return_val_if_fail (body != NULL, NULL);

  if (values == NULL)
    values = &none;

  out = g_string_sized_new (strlen (body) + 64);
  for (p = body; *p != '\0';)
    {
      g_autofree char *name = NULL;
      const char *close;
      const char *value = NULL;
      const char *gap = NULL;
      gsize len;

      close = *p == '{' ? strpbrk (p + 1, "{}\n") : NULL;
      if (close == NULL || *close != '}' || (len = close - (p + 1)) > PLACEHOLDER_MAX_BYTES)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      name = g_ascii_strdown (p + 1, len);
      g_strstrip (name);
      if (*name == '\0')
        {
          g_string_append_c (out, *p++);   /* "{}" or "{ }": no name */
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        if (g_str_equal (placeholders[i].name, placeholder_name (name, situation)))
          {
            value = G_STRUCT_MEMBER (const char *, values, placeholders[i].offset);
            gap = _(placeholders[i].gap);
            break;
          }

      if (value != NULL && *value != '\0')
        g_string_append (out, value);
      else
        {
          g_autofree char *described = NULL;

          if (gap == NULL)
            {
              /* Translators: a placeholder of a reply template that the
               * app does not know, e.g. {buyer}. */
              described = g_strdup_printf (_("“%s” (unknown placeholder)"), name);
              gap = name;
            }
          /* Translators: the gap left in a reply for a value the case
           * does not have, e.g. "[tracking number]". */
          g_string_append_printf (out, _("[%s]"), gap);
          add_missing (missing, described != NULL ? described : gap);
        }
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

int
rd_templates_install_defaults (RdStore  *store,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) flag = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  gboolean owned;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), -1);

  if (!rd_store_txn_begin (store, &owned, error))
    return -1;

  flag = rd_store_prepare (store, "SELECT 1 FROM meta WHERE key = 'templates-installed'", error);
  if (flag == NULL)
    goto fail;
  rc = sqlite3_step (flag);
  if (rc == SQLITE_ROW)
    {
      if (!rd_store_txn_commit (store, owned, error))
        return -1;
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      goto fail;
    }

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      RdTemplate tmpl = {
        .title = (char *) _(defaults[i].title),
        .body = (char *) _(defaults[i].body),
        .situation = (char *) defaults[i].situation,
        .sort_order = (gint) (i + 1) * 10,
      };

      if (!insert_template (store, &tmpl, error))
        goto fail;
    }

  mark = rd_store_prepare (store, "INSERT INTO meta (key, value) VALUES ('templates-installed', '1')", error);
  if (mark == NULL || !step_done (store, mark, error))
    goto fail;

  if (!rd_store_txn_commit (store, owned, error))
    return -1;
  return G_N_ELEMENTS (defaults);

fail:
  rd_store_txn_rollback (store, owned);
  return -1;
}

GPtrArray *
rd_templates_list (RdStore  *store,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT id, title, body, situation, sort_order FROM reply_templates"
                           " ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_template_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdTemplate *tmpl = g_new0 (RdTemplate, 1);

      tmpl->id = sqlite3_column_int64 (stmt, 0);
      tmpl->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      tmpl->body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      tmpl->situation = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      tmpl->sort_order = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, tmpl);
    }
  if (rc != SQLITE_DONE)
    {
      rd_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
rd_templates_save (RdStore     *store,
                   RdTemplate  *tmpl,
                   const char  *operator,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id_text = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (tmpl != NULL, FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  if (tmpl->id == 0)
    {
      if (!insert_template (store, tmpl, error))
        goto fail;
    }
  else
    {
      stmt = rd_store_prepare (store,
                               "UPDATE reply_templates SET title = ?1, body = ?2, situation = ?3,"
                               " sort_order = ?4 WHERE id = ?5", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, tmpl->title != NULL ? tmpl->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, tmpl->body != NULL ? tmpl->body : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, tmpl->situation != NULL ? tmpl->situation : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, tmpl->sort_order);
      sqlite3_bind_int64 (stmt, 5, tmpl->id);
      if (!step_done (store, stmt, error))
        goto fail;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, tmpl->id);
  if (!rd_audit_record (store, 0, operator, "save-template", id_text, NULL, tmpl->title, error))
    goto fail;

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}

gboolean
rd_templates_delete (RdStore     *store,
                     gint64       id,
                     const char  *operator,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id_text = NULL;
  gboolean owned;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!rd_store_txn_begin (store, &owned, error))
    return FALSE;

  stmt = rd_store_prepare (store, "DELETE FROM reply_templates WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, stmt, error))
    goto fail;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (sqlite3_changes (rd_store_get_db (store)) > 0 &&
      !rd_audit_record (store, 0, operator, "delete-template", id_text, NULL, NULL, error))
    goto fail;

  return rd_store_txn_commit (store, owned, error);

fail:
  rd_store_txn_rollback (store, owned);
  return FALSE;
}
