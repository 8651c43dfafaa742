/* rd-pin-dialog.h
 *
 * The small window in which someone proves who they are. Three uses:
 *
 * - switch: choose your name, type your PIN; the context's operator changes
 *   only when the core has verified it. An operator without a PIN yet (a
 *   name from before PINs, or one an admin reset) sets one, typed twice.
 * - first admin: a ledger without an admin creates its first one (name and
 *   PIN twice), who is then signed in.
 * - confirm: the current operator types their PIN again before an admin
 *   action; the PIN is handed to the caller and remembered for a minute.
 *
 * A wrong PIN or a mistake is said inline and the window stays open.
 */
#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PIN_DIALOG_SWITCH,
  RD_PIN_DIALOG_FIRST_ADMIN,
  RD_PIN_DIALOG_CONFIRM,
} RdPinDialogMode;

#define RD_TYPE_PIN_DIALOG (rd_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdPinDialog, rd_pin_dialog, RD, PIN_DIALOG, AdwWindow)

/* Called with the PIN proven in a confirm dialog (or remembered). */
typedef void (*RdPinProvenFunc) (const char *pin,
                                 gpointer    user_data);

RdPinDialog     *rd_pin_dialog_new                (GtkWindow       *parent,
                                                   RdContext       *context,
                                                   RdPinDialogMode  mode);
RdPinDialogMode  rd_pin_dialog_get_mode           (RdPinDialog     *self);

/* Switch: the operator chosen (FALSE when there is none of that name). */
gboolean         rd_pin_dialog_select_operator    (RdPinDialog     *self,
                                                   const char      *name);
/* Switch: whether the chosen operator is asked to set a PIN (two fields). */
gboolean         rd_pin_dialog_is_setting_pin     (RdPinDialog     *self);
/* First admin: the name typed. */
void             rd_pin_dialog_set_name           (RdPinDialog     *self,
                                                   const char      *name);
/* Fills the PIN field and, when shown, the "again" field (NULL: left). */
void             rd_pin_dialog_set_pins           (RdPinDialog     *self,
                                                   const char      *pin,
                                                   const char      *again);
/* What the main button does: TRUE when done (the window then closes);
 * FALSE with the reason shown inline. */
gboolean         rd_pin_dialog_submit             (RdPinDialog     *self);
/* The message shown inline, or NULL. */
const char      *rd_pin_dialog_get_error_message  (RdPinDialog     *self);

/* Calls func with the current operator's PIN: at once when one was proven
 * within the last minute, otherwise after a confirm dialog over parent
 * (never when it is cancelled; destroy is called in every case). */
void             rd_pin_dialog_confirm            (GtkWidget       *parent,
                                                   RdContext       *context,
                                                   const char      *title,
                                                   RdPinProvenFunc  func,
                                                   gpointer         user_data,
                                                   GDestroyNotify   destroy);

G_END_DECLS
