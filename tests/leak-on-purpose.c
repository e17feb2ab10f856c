/* leak-on-purpose.c: leaks one object made through GTK and one string of its
 * own, on purpose. check-leaks-reported.py runs it under LeakSanitizer with
 * build-aux/lsan.supp and fails unless both leaks are reported: the
 * suppressions may excuse a library's own allocations, never ours, even when
 * a library made the object for us. */

#include <gtk/gtk.h>

static GtkStringList *kept;
static char *kept_text;

int
main (void)
{
  /* Keep the pointers only in locals the compiler cannot see after the
   * return, so that LeakSanitizer finds nothing pointing at them. */
  kept = gtk_string_list_new (NULL);
  kept_text = g_strdup_printf ("leaked by %s", "leak-on-purpose");
  kept = NULL;
  kept_text = NULL;
  return 0;
}
