#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "acr-dues-line.h"

G_BEGIN_DECLS

/* The dues owed for one membership year, as line items in integer cents. */

#define ACR_TYPE_DUES_QUOTE (acr_dues_quote_get_type ())

G_DECLARE_FINAL_TYPE (AcrDuesQuote, acr_dues_quote, ACR, DUES_QUOTE, GObject)

int          acr_dues_quote_get_year        (AcrDuesQuote *self);
const char  *acr_dues_quote_get_category_id (AcrDuesQuote *self);
const char  *acr_dues_quote_get_currency    (AcrDuesQuote *self);
GListModel  *acr_dues_quote_get_lines       (AcrDuesQuote *self);
AcrDuesLine *acr_dues_quote_find_line       (AcrDuesQuote *self,
                                             const char   *code);
gint64       acr_dues_quote_get_total_cents (AcrDuesQuote *self);
gboolean     acr_dues_quote_get_placeholder (AcrDuesQuote *self);
const char  *acr_dues_quote_get_reason      (AcrDuesQuote *self);
JsonNode    *acr_dues_quote_to_json         (AcrDuesQuote *self);

G_END_DECLS
