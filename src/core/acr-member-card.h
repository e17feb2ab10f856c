#pragma once

#include <gio/gio.h>

#include "acr-member.h"
#include "acr-rules.h"

G_BEGIN_DECLS

/*
 * Member cards: the member's name, number, category and membership year,
 * with a QR code of the member number, in the member's language (English
 * or French), the size of a business card (3½ × 2 in).
 *
 *   avery-5371  US Letter, 2 × 5 cards a sheet (perforated card stock)
 *   single      one card a page, the page the size of the card
 */

typedef enum
{
  ACR_CARD_LAYOUT_AVERY_5371,
  ACR_CARD_LAYOUT_SINGLE,
} AcrCardLayout;

gboolean    acr_card_layout_from_string (const char     *text,
                                         AcrCardLayout  *layout);
guint       acr_card_layout_get_per_page (AcrCardLayout  layout);

gboolean    acr_member_card_qr_modules  (const char     *text,
                                         GBytes        **modules,
                                         guint          *width,
                                         GError        **error);
gboolean    acr_member_cards_write_pdf  (GPtrArray      *members,
                                         AcrRules       *rules,
                                         int             year,
                                         AcrCardLayout   layout,
                                         GOutputStream  *stream,
                                         GError        **error);

G_END_DECLS
