#define G_LOG_DOMAIN "acr-sample-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-member-private.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-store-private.h"

/*
 * Deterministic fictional members for demos and benchmarks: the same count
 * and seed give the same members, names, numbers and dates on any machine
 * (GRand is a Mersenne Twister with a documented sequence). Every name,
 * address and identifier here is made up.
 */

typedef struct
{
  const char * const *given;
  const char * const *family;
  const char        **countries;  /* "US", "CA", …, weighted by repetition */
  const char         *language;
  const char         *domain;
} Culture;

static const char * const fc_given[] = {
  "Marie-Ève", "Jean-François", "Geneviève", "Émilie", "Étienne", "Hélène", "Frédéric", "Josée",
  "Benoît", "Chloé", "Mathieu", "Stéphanie", "Gaétan", "Anne-Sophie", "Louis-Philippe", "Noémie",
  "Sébastien", "Mélanie", "Rémi", "Maxime", NULL
};
static const char * const fc_family[] = {
  "Lefèvre", "Côté", "Gagnon", "Tremblay", "Bélanger", "Lévesque", "Gélinas", "Bérubé", "Pelletier",
  "Bouchard", "Ouellet", "Thériault", "Lachance", "Desjardins", "Hébert", "Fréchette", "Saint-Pierre",
  "D'Amours", "Ménard", "Paré", NULL
};
static const char * const de_given[] = {
  "Jürgen", "Björn", "Sören", "Käthe", "Günter", "Jörg", "Ursula", "Matthias", "Lena", "Tobias",
  "Anneliese", "Dieter", "Marlene", "Florian", "Jutta", NULL
};
static const char * const de_family[] = {
  "Müller", "Schröder", "Groß", "Weiß", "Köhler", "Bäcker", "Schäfer", "Krüger", "Hoffmann", "Wöhler",
  "Fuchs", "Keller", "Straßer", "Vogel", "Jäger", NULL
};
static const char * const es_given[] = {
  "José", "María", "Jesús", "Sofía", "Andrés", "Lucía", "Ramón", "Inés", "Tomás", "Begoña",
  "Álvaro", "Marisol", "Joaquín", "Ángela", "Óscar", NULL
};
static const char * const es_family[] = {
  "García", "Peña", "Núñez", "Muñoz", "Jiménez", "Rodríguez", "Martínez", "Gómez", "Ibáñez", "Hernández",
  "de la Fuente", "Sánchez", "Domínguez", "Castaño", "Beltrán", NULL
};
static const char * const vi_given[] = {
  "Thị Hoa", "Văn An", "Minh Đức", "Thu Hương", "Quốc Bảo", "Ngọc Ánh", "Hữu Phước", "Thanh Tâm",
  "Đức Anh", "Mai Linh", "Hoàng Long", "Bích Ngọc", NULL
};
static const char * const vi_family[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", NULL
};
static const char * const en_given[] = {
  "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Elizabeth",
  "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
  "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Margaret", "Steven", "Sandra", "Paul", "Ashley",
  "Andrew", "Emily", "Joshua", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda",
  "Hannah", "Howard", "Holly", "Henry", "Heather", "Harold", "Helen", "Hugo", NULL
};
static const char * const en_family[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
  "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
  "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams",
  "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
  "Houston", "Howell", "Hughes", "Holmes", "Hunt", "Hudson", "Hopkins", "Horton", "Houde", "Hobbs",
  "O'Brien", "O'Connor", "McAllister", "Fitzgerald", NULL
};

static const char *fc_countries[] = { "CA", "CA", "CA", "CA", "US", "FR", NULL };
static const char *de_countries[] = { "DE", "DE", "AT", "CH", "US", NULL };
static const char *es_countries[] = { "ES", "MX", "US", "US", "AR", NULL };
static const char *vi_countries[] = { "VN", "US", "US", "CA", NULL };
static const char *en_countries[] = { "US", "US", "US", "US", "US", "US", "US", "CA", "GB", "AU", NULL };

static const Culture cultures[] = {
  { fc_given, fc_family, fc_countries, "fr", "exemple.ca" },
  { de_given, de_family, de_countries, "en", "beispiel.de" },
  { es_given, es_family, es_countries, "en", "ejemplo.es" },
  { vi_given, vi_family, vi_countries, "en", "vidu.vn" },
  { en_given, en_family, en_countries, "en", "example.com" },
};
/* Weights of the cultures above, out of 100. */
static const guint culture_weights[] = { 14, 8, 12, 8, 58 };

typedef struct
{
  const char *region;
  const char *city;
  const char *postal;   /* prefix; digits are appended */
  const char *country;  /* for places outside the US and Canada */
} Place;

static const Place us_places[] = {
  { "NY", "New York", "100" }, { "CA", "Los Angeles", "900" }, { "TX", "Houston", "770" },
  { "IL", "Chicago", "606" }, { "VA", "Richmond", "232" }, { "MA", "Boston", "021" },
  { "FL", "Miami", "331" }, { "WA", "Seattle", "981" }, { "PA", "Philadelphia", "191" },
  { "OH", "Columbus", "432" }, { "GA", "Atlanta", "303" }, { "DC", "Washington", "200" },
  { "MN", "Rochester", "559" }, { "LA", "New Orleans", "701" }, { "AZ", "Phoenix", "850" },
  { "CO", "Denver", "802" }, { "MD", "Baltimore", "212" }, { "TN", "Nashville", "372" },
};
static const Place ca_places[] = {
  { "QC", "Montréal", "H2X" }, { "QC", "Québec", "G1R" }, { "QC", "Trois-Rivières", "G9A" },
  { "QC", "Saint-Jérôme", "J7Z" }, { "ON", "Toronto", "M5G" }, { "ON", "Ottawa", "K1H" },
  { "BC", "Vancouver", "V5Z" }, { "AB", "Calgary", "T2N" }, { "NS", "Halifax", "B3H" },
  { "MB", "Winnipeg", "R3E" },
};
static const Place intl_places[] = {
  { "", "München", "80", "DE" }, { "", "Köln", "50", "DE" }, { "", "Wien", "10", "AT" },
  { "", "Zürich", "80", "CH" }, { "", "Sevilla", "41", "ES" }, { "", "Madrid", "28", "ES" },
  { "", "Ciudad de México", "06", "MX" }, { "", "Hà Nội", "10", "VN" }, { "", "Hồ Chí Minh", "70", "VN" },
  { "", "Paris", "75", "FR" }, { "", "Lyon", "69", "FR" }, { "", "London", "SW", "GB" },
  { "", "Sydney", "20", "AU" }, { "", "Buenos Aires", "C1", "AR" },
};

typedef struct
{
  const char *id;
  guint       weight;  /* out of 1000 */
} Share;

static const Share categories[] = {
  { "general", 540 }, { "member-in-training", 190 }, { "associate", 50 }, { "allied-health", 40 },
  { "international", 80 }, { "international-member-in-training", 40 }, { "retired", 60 },
};

static const char *
pick (GRand              *rand,
      const char * const *list)
{
  guint n = g_strv_length ((char **) list);
  return list[g_rand_int_range (rand, 0, n)];
}

static const char *
pick_category (GRand *rand)
{
  guint r = g_rand_int_range (rand, 0, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (r < categories[i].weight)
        return categories[i].id;
      r -= categories[i].weight;
    }
  return categories[0].id;
}

static void
append_json_string (GString    *out,
                    const char *name,
                    const char *value)
{
  g_string_append_printf (out, "%s\"%s\":\"", out->len > 1 ? "," : "", name);
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
make_npi (GRand *rand)
{
  char first[10];
  g_autofree char *check = NULL;

  g_snprintf (first, sizeof first, "%d%08d", g_rand_int_range (rand, 1, 3), g_rand_int_range (rand, 0, 100000000));
  check = acr_npi_check_digit_for (first);
  return g_strconcat (first, check, NULL);
}

static char *
ascii_local_part (const char *given,
                  const char *family)
{
  g_autofree char *text = g_strdup_printf ("%s.%s", given, family);
  g_autofree char *folded = acr_search_fold (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_north_american (const char *country)
{
  return g_str_equal (country, "US") || g_str_equal (country, "CA");
}

/* A city of @country; every culture's countries abroad have one. */
static const Place *
pick_place_in (GRand      *rand,
               const char *country)
{
  const Place *found[G_N_ELEMENTS (intl_places)];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (intl_places); i++)
    if (g_str_equal (intl_places[i].country, country))
      found[n++] = &intl_places[i];

  g_assert (n > 0);
  return found[g_rand_int_range (rand, 0, n)];
}

/*
 * Writes the profession, certification, practice and training facts of one
 * profile the membership page describes for @category, so that the rules
 * decide that category for the member (on any day of 2026). Training ends in
 * 2027 to 2031, so trainees are still in training through 2026.
 */
static void
append_profile (GString    *person,
                GRand      *rand,
                const char *category,
                const char *country)
{
  gboolean physicist = g_rand_int_range (rand, 0, 12) == 0;
  const char *board = g_str_equal (country, "CA") ? "RCPSC" : "ABR";
  int practice_year = g_rand_int_range (rand, 1980, 2026);
  int end_year = g_rand_int_range (rand, 2027, 2032);

  if (g_str_equal (category, "general") || g_str_equal (category, "retired"))
    {
      if (physicist)
        g_string_append (person, ",\"profession\":\"medical-physicist\",\"discipline\":\"medical-physics\"");
      else
        g_string_append_printf (person, ",\"profession\":\"physician\",\"discipline\":\"%s\"",
                                g_rand_int_range (rand, 0, 10) == 0 ? "radiation-oncology" : "radiology");
      /* Medical physicists in both countries certify with the ABR. */
      g_string_append_printf (person, ",\"certifications\":[\"%s\"],\"residency_completed\":true",
                              physicist ? "ABR" : board);
    }
  else if (g_str_equal (category, "associate"))
    {
      if (physicist)
        g_string_append (person, ",\"profession\":\"medical-physicist\",\"discipline\":\"medical-physics\"");
      else
        g_string_append (person, ",\"profession\":\"physician\",\"discipline\":\"radiology\"");
      g_string_append (person, ",\"certifications\":[],\"residency_completed\":true");
    }
  else if (g_str_equal (category, "allied-health"))
    {
      if (g_rand_boolean (rand))
        g_string_append (person, ",\"profession\":\"mri-scientist\",\"discipline\":\"other\",\"certifications\":[]");
      else
        g_string_append (person, ",\"profession\":\"radiologist-assistant\",\"discipline\":\"other\",\"certifications\":[\"ARRT\"]");
    }
  else if (g_str_equal (category, "international"))
    {
      g_string_append_printf (person, ",\"profession\":\"physician\",\"discipline\":\"%s\",\"certifications\":[\"NATIONAL\"]",
                              g_rand_int_range (rand, 0, 8) == 0 ? "radiation-oncology" : "radiology");
      g_string_append (person, ",\"good_standing\":true");
    }
  else if (g_str_equal (category, "member-in-training") || g_str_equal (category, "international-member-in-training"))
    {
      gboolean student = g_rand_int_range (rand, 0, 5) == 0;

      if (student)
        g_string_append_printf (person,
                                ",\"profession\":\"medical-student\",\"discipline\":\"radiology\",\"certifications\":[]"
                                ",\"in_practice\":false,\"training\":{\"stage\":\"medical-school\",\"approved\":true,"
                                "\"country\":\"%s\",\"school_years\":%d,\"end\":\"%04d-05-31\"}",
                                country, is_north_american (country) ? 4 : 6, end_year);
      else
        g_string_append_printf (person,
                                ",\"profession\":\"physician\",\"discipline\":\"radiology\",\"certifications\":[]"
                                ",\"in_practice\":false,\"training\":{\"stage\":\"%s\",\"approved\":true,"
                                "\"country\":\"%s\",\"end\":\"%04d-06-30\"}",
                                g_rand_boolean (rand) ? "residency" : "fellowship", country, end_year);
      g_string_append (person, ",\"good_standing\":true,\"prior_member_in_practice\":false");
      return;
    }

  if (g_str_equal (category, "retired"))
    g_string_append_printf (person, ",\"in_practice\":false,\"practice_start\":\"%04d-07-01\",\"retired_on\":\"%04d-%02d-15\"",
                            MIN (practice_year, 1995), g_rand_int_range (rand, 2010, 2026), g_rand_int_range (rand, 1, 13));
  else
    g_string_append_printf (person, ",\"in_practice\":true,\"practice_start\":\"%04d-07-01\"", practice_year);
}

static void
fill_member (AcrMember *m,
             GRand     *rand,
             guint      index)
{
  guint r = g_rand_int_range (rand, 0, 100);
  const Culture *culture = &cultures[G_N_ELEMENTS (cultures) - 1];
  const char *given, *family, *country, *category;
  AcrMemberStatus status;
  const Place *place;
  g_autoptr (GString) person = g_string_new ("{");
  g_autofree char *local = NULL;
  g_autofree char *email = NULL;
  g_autofree char *postal = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *npi = NULL;
  char chapters[8] = "";
  int joined_year;
  gboolean trainee, international;

  for (guint i = 0, acc = 0; i < G_N_ELEMENTS (cultures); i++)
    {
      acc += culture_weights[i];
      if (r < acc)
        {
          culture = &cultures[i];
          break;
        }
    }

  given = pick (rand, culture->given);
  family = pick (rand, culture->family);
  category = pick_category (rand);
  trainee = g_str_has_suffix (category, "member-in-training");
  international = g_str_has_prefix (category, "international");

  /* International categories live outside the US and Canada, in a country of
   * their culture; the others in the US or Canada. */
  country = pick (rand, (const char * const *) culture->countries);
  while (international && is_north_american (country))
    country = pick (rand, (const char * const *) culture->countries);
  if (!international && !is_north_american (country))
    country = g_rand_boolean (rand) ? "US" : "CA";

  if (g_str_equal (country, "US"))
    place = &us_places[g_rand_int_range (rand, 0, G_N_ELEMENTS (us_places))];
  else if (g_str_equal (country, "CA"))
    place = &ca_places[g_rand_int_range (rand, 0, G_N_ELEMENTS (ca_places))];
  else
    place = pick_place_in (rand, country);

  if (g_str_equal (country, "CA"))
    postal = g_strdup_printf ("%s %d%c%d", place->postal, g_rand_int_range (rand, 1, 10),
                              'A' + g_rand_int_range (rand, 0, 26), g_rand_int_range (rand, 0, 10));
  else if (g_str_equal (country, "US"))
    postal = g_strdup_printf ("%s%02d", place->postal, g_rand_int_range (rand, 0, 100));
  else
    postal = g_strdup_printf ("%s%03d", place->postal, g_rand_int_range (rand, 0, 1000));

  if (*place->region != '\0' && g_rand_int_range (rand, 0, 10) < 9)
    g_snprintf (chapters, sizeof chapters, "%s", place->region);

  status = ACR_MEMBER_STATUS_ACTIVE;
  r = g_rand_int_range (rand, 0, 100);
  if (g_str_equal (category, "retired"))
    status = r < 85 ? ACR_MEMBER_STATUS_RETIRED : ACR_MEMBER_STATUS_DECEASED;
  else if (r < 6)
    status = ACR_MEMBER_STATUS_LAPSED;
  else if (r < 8)
    status = ACR_MEMBER_STATUS_RESIGNED;
  else if (r < 9)
    status = ACR_MEMBER_STATUS_APPLICANT;

  joined_year = trainee ? g_rand_int_range (rand, 2019, 2027) : g_rand_int_range (rand, 1975, 2027);
  joined = g_strdup_printf ("%04d-%02d-%02d", joined_year, g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

  local = ascii_local_part (given, family);
  /* The index makes every address unique, as real ones are. */
  email = g_strdup_printf ("%s%u@%s", local, index, culture->domain);
  phone = g_strdup_printf ("+1 %03d 555 %04d", g_rand_int_range (rand, 201, 990), g_rand_int_range (rand, 0, 10000));
  address = g_strdup_printf ("%d %s", g_rand_int_range (rand, 1, 9999),
                             g_str_equal (culture->language, "fr") ? "rue Saint-Denis" : "Main Street");

  append_json_string (person, "given_name", given);
  append_json_string (person, "family_name", family);
  append_json_string (person, "email", email);
  append_json_string (person, "country", country);
  if (*place->region)
    append_json_string (person, "region", place->region);
  append_profile (person, rand, category, country);
  if (*chapters)
    g_string_append_printf (person, ",\"chapters\":[\"%s\"]", chapters);
  g_string_append_c (person, '}');

  if (g_str_equal (country, "US") && !trainee && g_rand_int_range (rand, 0, 10) < 7)
    npi = make_npi (rand);

  _acr_member_set_person_raw (m, person->str, given, family);
  _acr_member_set_raw (m, "email", email);
  _acr_member_set_raw (m, "phone", phone);
  _acr_member_set_raw (m, "address", address);
  _acr_member_set_raw (m, "city", place->city);
  _acr_member_set_raw (m, "region", *place->region ? place->region : NULL);
  _acr_member_set_raw (m, "postal_code", postal);
  _acr_member_set_raw (m, "country", country);
  _acr_member_set_raw (m, "npi", npi);
  _acr_member_set_raw (m, "language", culture->language);
  _acr_member_set_raw (m, "category", category);
  _acr_member_set_status (m, status);
  _acr_member_set_raw (m, "chapters", *chapters ? chapters : NULL);
  _acr_member_set_raw (m, "joined", joined);
}

/*
 * acr_sample_data_generate:
 * Adds @count fictional members in one transaction (all or none).
 */
gboolean
acr_sample_data_generate (AcrStore                   *store,
                          guint                       count,
                          guint32                     seed,
                          AcrSampleDataProgressFunc   progress,
                          gpointer                    user_data,
                          GError                    **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *time = _acr_store_now ();
  const char *reason = _("sample data");
  gint64 existing;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  if (!_acr_store_begin (store, error))
    return FALSE;
  _acr_store_set_bulk (store);
  /* E-mail addresses are unique: a second batch numbers its addresses after the members already there. */
  existing = acr_store_count_members (store, error);
  if (existing < 0)
    {
      _acr_store_rollback (store);
      return FALSE;
    }

  for (guint i = 0; i < count; i++)
    {
      g_autoptr (AcrMember) m = acr_member_new ();

      fill_member (m, rand, existing + i + 1);
      if (!_acr_store_insert (store, m, reason, time, error))
        {
          _acr_store_rollback (store);
          return FALSE;
        }
      if (progress != NULL && (i + 1) % 10000 == 0)
        progress (i + 1, count, user_data);
    }

  return _acr_store_commit (store, error);
}
