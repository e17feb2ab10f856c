#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "acr-store.h"

G_BEGIN_DECLS

/* Helpers shared by the test programs. */

char      *acr_test_make_temp_dir          (void);
void       acr_test_remove_tree            (const char *dir);
AcrStore  *acr_test_open_store             (const char *dir);
JsonNode  *acr_test_load_rules_json        (void);
char      *acr_test_write_rules_json       (JsonNode   *bundle,
                                            const char *dir,
                                            const char *name);
char      *acr_test_write_changed_rules    (const char *dir,
                                            const char *name,
                                            int         year,
                                            gint64      general_full_cents,
                                            gint64      first_chapter_cents);
void       acr_test_ensure_sample_database (const char *path,
                                            guint       count);
char      *acr_test_hash_file              (const char *path);
AcrMember *acr_test_make_member            (const char *given,
                                            const char *family,
                                            const char *email,
                                            const char *more_person);

/* A finished run of a program: how it exited and all it wrote. */
typedef struct
{
  int   status;  /* its exit status */
  char *out;     /* all it wrote on stdout */
  char *err;     /* all it wrote on stderr */
} AcrTestRun;

void       acr_test_run_clear (AcrTestRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AcrTestRun, acr_test_run_clear)

GPtrArray *acr_test_cli_argv  (const char           *cli,
                               const char * const   *args,
                               const char           *db);
void       acr_test_run_cli   (AcrTestRun           *run,
                               const char           *cwd,
                               GSpawnChildSetupFunc  setup,
                               const char * const   *argv);

gboolean   acr_test_is_one_line     (const char *text);
void       acr_test_assert_one_line (const char *text);

G_END_DECLS
