#pragma once

#include "acr-dues-quote.h"

G_BEGIN_DECLS

AcrDuesQuote *_acr_dues_quote_new        (int           year,
                                          const char   *category_id,
                                          const char   *currency);
void          _acr_dues_quote_add_line   (AcrDuesQuote *self,
                                          AcrDuesLine  *line);
void          _acr_dues_quote_set_reason (AcrDuesQuote *self,
                                          const char   *reason);

G_END_DECLS
