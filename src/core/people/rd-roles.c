/* rd-roles.c
 *
 * The roles, their stable ids and names, and the one table of what each
 * role may do (rd_role_may). See rd-operators.h.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-operators.h"

typedef struct
{
  const char *id;
  const char *name;          /* C_("role", …) */
  const char *description;   /* N_() */
} RoleInfo;

static const RoleInfo roles[RD_ROLE_LAST] = {
  [RD_ROLE_NONE]       = { NULL, NULL, NULL },
  [RD_ROLE_CLERK]      = { "clerk", NC_("role", "Clerk"),
                           N_("Takes requests in, edits cases, proposes the amount") },
  [RD_ROLE_APPROVER]   = { "approver", NC_("role", "Approver"),
                           N_("Approves and refuses refunds, pays them out") },
  [RD_ROLE_WAREHOUSE]  = { "warehouse", NC_("role", "Warehouse"),
                           N_("Intercepts parcels and scans returns") },
  [RD_ROLE_ACCOUNTANT] = { "accountant", NC_("role", "Accountant"),
                           N_("Exports the workbook, reads reports and cases") },
  [RD_ROLE_ADMIN]      = { "admin", NC_("role", "Admin"),
                           N_("Settings, lists and operators, and everything the others do") },
};

/* What each role may do, besides the admin who may do everything. */
static const RdAction clerk_actions[] = {
  RD_ACTION_READ, RD_ACTION_TAKE_IN, RD_ACTION_EDIT_CASE, RD_ACTION_PROPOSE_AMOUNT,
};
static const RdAction approver_actions[] = {
  RD_ACTION_READ, RD_ACTION_APPROVE, RD_ACTION_REFUSE, RD_ACTION_PAY_OUT,
};
static const RdAction warehouse_actions[] = {
  RD_ACTION_READ, RD_ACTION_INTERCEPT, RD_ACTION_SCAN,
};
static const RdAction accountant_actions[] = {
  RD_ACTION_READ, RD_ACTION_EXPORT, RD_ACTION_REPORTS,
};

/* What was refused, to complete "%s (%s) may not %s." */
static const char *const action_phrases[RD_ACTION_LAST] = {
  [RD_ACTION_NONE]             = NULL,
  [RD_ACTION_READ]             = N_("read the ledger"),
  [RD_ACTION_TAKE_IN]          = N_("take in refund requests"),
  [RD_ACTION_EDIT_CASE]        = N_("change a case"),
  [RD_ACTION_PROPOSE_AMOUNT]   = N_("propose a refund amount"),
  [RD_ACTION_APPROVE]          = N_("approve refunds"),
  [RD_ACTION_REFUSE]           = N_("refuse refunds"),
  [RD_ACTION_PAY_OUT]          = N_("record payouts"),
  [RD_ACTION_INTERCEPT]        = N_("register intercepts"),
  [RD_ACTION_SCAN]             = N_("scan parcels"),
  [RD_ACTION_EXPORT]           = N_("export the workbook"),
  [RD_ACTION_REPORTS]          = N_("open the reports"),
  [RD_ACTION_SETTINGS]         = N_("change the settings"),
  [RD_ACTION_MANAGE_OPERATORS] = N_("manage operators"),
};

static gboolean
in_list (const RdAction *list,
         gsize           n,
         RdAction        action)
{
  for (gsize i = 0; i < n; i++)
    if (list[i] == action)
      return TRUE;
  return FALSE;
}

const char *
rd_role_to_id (RdRole role)
{
  if (role <= RD_ROLE_NONE || role >= RD_ROLE_LAST)
    return NULL;
  return roles[role].id;
}

RdRole
rd_role_from_id (const char *id)
{
  if (id == NULL)
    return RD_ROLE_NONE;
  for (guint i = RD_ROLE_NONE + 1; i < RD_ROLE_LAST; i++)
    if (g_str_equal (roles[i].id, id))
      return i;
  return RD_ROLE_NONE;
}

const char *
rd_role_get_name (RdRole role)
{
  if (role <= RD_ROLE_NONE || role >= RD_ROLE_LAST)
    return "";
  return g_dpgettext2 (GETTEXT_PACKAGE, "role", roles[role].name);
}

const char *
rd_role_get_description (RdRole role)
{
  if (role <= RD_ROLE_NONE || role >= RD_ROLE_LAST)
    return "";
  return g_dgettext (GETTEXT_PACKAGE, roles[role].description);
}

gboolean
rd_role_may (RdRole   role,
             RdAction action)
{
  if (action <= RD_ACTION_NONE || action >= RD_ACTION_LAST)
    return FALSE;

  switch (role)
    {
    case RD_ROLE_ADMIN:
      return TRUE;
    case RD_ROLE_CLERK:
      return in_list (clerk_actions, G_N_ELEMENTS (clerk_actions), action);
    case RD_ROLE_APPROVER:
      return in_list (approver_actions, G_N_ELEMENTS (approver_actions), action);
    case RD_ROLE_WAREHOUSE:
      return in_list (warehouse_actions, G_N_ELEMENTS (warehouse_actions), action);
    case RD_ROLE_ACCOUNTANT:
      return in_list (accountant_actions, G_N_ELEMENTS (accountant_actions), action);
    case RD_ROLE_NONE:
    case RD_ROLE_LAST:
    default:
      return FALSE;
    }
}

const char *
rd_action_get_phrase (RdAction action)
{
  if (action <= RD_ACTION_NONE || action >= RD_ACTION_LAST)
    return "";
  return g_dgettext (GETTEXT_PACKAGE, action_phrases[action]);
}
