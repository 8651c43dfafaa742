/* rd-store-schema.c — PLACEHOLDER; replaced by the store work. */
#include "config.h"
