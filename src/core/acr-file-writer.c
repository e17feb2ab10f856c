#define G_LOG_DOMAIN "acr-file-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acr-file-writer.h"

/* Room for ".NAME.XXXXXX" within any file system's 255-byte name limit. */
#define MAX_TEMP_BASE 64

struct _AcrFileWriter
{
  GOutputStream       parent_instance;

  char               *path;
  char               *temp_path;   /* NULL once moved into place or removed */
  AcrFileWriterFlags  flags;
  int                 fd;
  int                 write_errno; /* the first write that failed: the file is never moved into place */
  gboolean            abandoned;   /* dropped without a close: remove, do not commit */
};

G_DEFINE_FINAL_TYPE (AcrFileWriter, acr_file_writer, G_TYPE_OUTPUT_STREAM)

/* The files of the databases open in this process, canonical: never a target. */
G_LOCK_DEFINE_STATIC (protected);
static GPtrArray *protected_paths;

/* SQLite's companions of a database file. */
static const char * const database_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* @path with its folder resolved (symbolic links, "..", "./"), so two
 * spellings of one name compare equal even before the file exists. */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *base = g_path_get_basename (absolute);
  char *real_dir = realpath (dir, NULL);
  char *canonical = g_build_filename (real_dir != NULL ? real_dir : dir, base, NULL);

  free (real_dir);
  return canonical;
}

static gboolean
refuse_protected (const char  *path,
                  GError     **error)
{
  g_autofree char *canonical = canonical_path (path);
  GStatBuf target;
  gboolean target_exists = g_stat (path, &target) == 0;
  gboolean hit = FALSE;

  G_LOCK (protected);
  for (guint i = 0; !hit && protected_paths != NULL && i < protected_paths->len; i++)
    {
      const char *database_file = g_ptr_array_index (protected_paths, i);
      GStatBuf st;

      /* The same name, or the same file under another name (a hard or
       * symbolic link). */
      hit = g_str_equal (canonical, database_file) ||
            (target_exists && g_stat (database_file, &st) == 0 &&
             st.st_dev == target.st_dev && st.st_ino == target.st_ino);
    }
  G_UNLOCK (protected);

  if (hit)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("%s is the open member database or one of its files; it was left untouched: "
                   "choose another file name"), path);
  return !hit;
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: cannot write the file: %s"), path, g_strerror (saved_errno));
}

static void
set_exists_error (GError     **error,
                  const char  *path)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists"), path);
}

/* Makes the rename itself durable. Best effort: some file systems cannot
 * sync a folder, and the file's own data is already on disk. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
move_into_place (AcrFileWriter  *self,
                 GError        **error)
{
  /* Again at the last moment: the target may have appeared meanwhile. */
  if (!refuse_protected (self->path, error))
    return FALSE;

  if (self->flags & ACR_FILE_WRITER_REPLACE)
    {
      if (g_rename (self->temp_path, self->path) != 0)
        {
          set_errno_error (error, errno, self->path);
          return FALSE;
        }
    }
  else if (link (self->temp_path, self->path) == 0)
    {
      /* A new name for the complete file, made only if the target does
       * not exist: nothing written by someone else meanwhile is replaced. */
      g_unlink (self->temp_path);
    }
  else
    {
      GStatBuf st;
      int saved_errno = errno;

      if (saved_errno == EEXIST || g_lstat (self->path, &st) == 0)
        {
          set_exists_error (error, self->path);
          return FALSE;
        }
      /* A file system without hard links (FAT, some network shares). */
      if (g_rename (self->temp_path, self->path) != 0)
        {
          set_errno_error (error, errno, self->path);
          return FALSE;
        }
    }

  g_clear_pointer (&self->temp_path, g_free);
  sync_folder (self->path);
  return TRUE;
}

static void
remove_temp_file (AcrFileWriter *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temp_path != NULL)
    {
      g_unlink (self->temp_path);
      g_clear_pointer (&self->temp_path, g_free);
    }
}

static gssize
acr_file_writer_write_fn (GOutputStream  *stream,
                          const void     *buffer,
                          gsize           count,
                          GCancellable   *cancellable,
                          GError        **error)
{
  AcrFileWriter *self = ACR_FILE_WRITER (stream);
  gssize written;

  if (self->write_errno != 0)
    {
      set_errno_error (error, self->write_errno, self->path);
      return -1;
    }

  do
    written = write (self->fd, buffer, MIN (count, (gsize) G_MAXSSIZE));
  while (written < 0 && errno == EINTR);

  if (written < 0)
    {
      self->write_errno = errno;
      set_errno_error (error, self->write_errno, self->path);
      return -1;
    }

  return written;
}

static gboolean
acr_file_writer_close_fn (GOutputStream  *stream,
                          GCancellable   *cancellable,
                          GError        **error)
{
  AcrFileWriter *self = ACR_FILE_WRITER (stream);
  int fd = self->fd;

  if (self->abandoned)
    {
      remove_temp_file (self);
      return TRUE;
    }

  if (self->write_errno != 0)
    {
      set_errno_error (error, self->write_errno, self->path);
      remove_temp_file (self);
      return FALSE;
    }

  /* The data reaches the disk before the name does: after a crash the
   * target is the old file or the new one, never an empty one. */
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, self->path);
      remove_temp_file (self);
      return FALSE;
    }

  self->fd = -1;
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, self->path);
      remove_temp_file (self);
      return FALSE;
    }

  if (!move_into_place (self, error))
    {
      remove_temp_file (self);
      return FALSE;
    }

  return TRUE;
}

static void
acr_file_writer_dispose (GObject *object)
{
  AcrFileWriter *self = ACR_FILE_WRITER (object);

  /* GOutputStream closes a stream nobody closed: that is not a commit. */
  self->abandoned = TRUE;

  G_OBJECT_CLASS (acr_file_writer_parent_class)->dispose (object);
}

static void
acr_file_writer_finalize (GObject *object)
{
  AcrFileWriter *self = ACR_FILE_WRITER (object);

  remove_temp_file (self);
  g_free (self->path);

  G_OBJECT_CLASS (acr_file_writer_parent_class)->finalize (object);
}

static void
acr_file_writer_class_init (AcrFileWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->dispose = acr_file_writer_dispose;
  object_class->finalize = acr_file_writer_finalize;

  stream_class->write_fn = acr_file_writer_write_fn;
  stream_class->close_fn = acr_file_writer_close_fn;
}

static void
acr_file_writer_init (AcrFileWriter *self)
{
  self->fd = -1;
}

/**
 * acr_file_writer_check_target:
 * @path: the file to be written
 * @flags: whether an existing file may be replaced
 * @error: G_IO_ERROR_PERMISSION_DENIED for a file of an open database,
 *   G_IO_ERROR_IS_DIRECTORY, or G_IO_ERROR_EXISTS
 *
 * What acr_file_writer_new() checks first, for a caller that writes many
 * files and refuses them all before writing any.
 */
gboolean
acr_file_writer_check_target (const char          *path,
                              AcrFileWriterFlags   flags,
                              GError             **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!refuse_protected (path, error))
    return FALSE;

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder; give the name of a file"), path);
      return FALSE;
    }

  if (!(flags & ACR_FILE_WRITER_REPLACE) && g_lstat (path, &st) == 0)
    {
      set_exists_error (error, path);
      return FALSE;
    }

  return TRUE;
}

/**
 * acr_file_writer_new:
 * @path: the file to write
 * @flags: whether an existing file may be replaced
 * @error: return location for an error naming @path
 *
 * Returns: (transfer full) (nullable): a stream on a new temporary file
 *   beside @path; g_output_stream_close() puts it in place
 */
AcrFileWriter *
acr_file_writer_new (const char          *path,
                     AcrFileWriterFlags   flags,
                     GError             **error)
{
  g_autoptr (AcrFileWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!acr_file_writer_check_target (path, flags, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (strlen (base) > MAX_TEMP_BASE)
    base[MAX_TEMP_BASE] = '\0';
  temp_name = g_strdup_printf (".%s.XXXXXX", base);

  self = g_object_new (ACR_TYPE_FILE_WRITER, NULL);
  self->path = g_strdup (path);
  self->flags = flags;
  self->temp_path = g_build_filename (dir, temp_name, NULL);
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, path);
      g_clear_pointer (&self->temp_path, g_free);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
acr_file_writer_get_path (AcrFileWriter *self)
{
  g_return_val_if_fail (ACR_IS_FILE_WRITER (self), NULL);
  return self->path;
}

/**
 * acr_file_writer_protect:
 * @database_path: a database file open in this process
 *
 * From now on no writer in this process writes @database_path or its
 * -wal, -shm and -journal files, under any spelling of their names or
 * through a link to them.
 */
void
acr_file_writer_protect (const char *database_path)
{
  g_return_if_fail (database_path != NULL);

  G_LOCK (protected);
  if (protected_paths == NULL)
    protected_paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (database_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (database_path, database_suffixes[i], NULL);
      g_autofree char *canonical = canonical_path (name);

      if (!g_ptr_array_find_with_equal_func (protected_paths, canonical, g_str_equal, NULL))
        g_ptr_array_add (protected_paths, g_steal_pointer (&canonical));
    }
  G_UNLOCK (protected);
}
