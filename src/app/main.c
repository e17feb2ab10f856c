#define G_LOG_DOMAIN "acr-membership"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-application.h"
#include "acr-catalog.h"
#include "acr-timing.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AcrApplication) app = NULL;

  acr_timing_mark ("main");
  bindtextdomain (GETTEXT_PACKAGE, acr_catalog_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = acr_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
