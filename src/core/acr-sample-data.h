#pragma once

#include "acr-store.h"

G_BEGIN_DECLS

/* Called every few thousand members while sample data is written. */
typedef void (*AcrSampleDataProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

gboolean acr_sample_data_generate (AcrStore                  *store,
                                   guint                      count,
                                   guint32                    seed,
                                   AcrSampleDataProgressFunc  progress,
                                   gpointer                   user_data,
                                   GError                   **error);

G_END_DECLS
