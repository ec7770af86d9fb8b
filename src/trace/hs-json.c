/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-json.c: a JSON number as a double, whether json-glib read it as an integer or not. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-json.h"

/*
 * An integer or a floating-point number; also "NaN", "+Inf" and "-Inf", which session files
 * write for values that are not finite (JSON has no spelling for them). FALSE otherwise.
 */
gboolean
hs_json_node_get_number (JsonNode *node,
                         double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (strcmp (text, "NaN") == 0)
          *value = NAN;
        else if (strcmp (text, "+Inf") == 0)
          *value = INFINITY;
        else if (strcmp (text, "-Inf") == 0)
          *value = -INFINITY;
        else
          return FALSE;
        return TRUE;
      }
    default:
      return FALSE;
    }
}
