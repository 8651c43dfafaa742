/* rd-money.c — PLACEHOLDER so the skeleton links; replaced by the money work. */
#include "config.h"
#include "rd-money.h"
G_DEFINE_QUARK (rd-money-error-quark, rd_money_error)
