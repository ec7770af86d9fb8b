/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-json.h: reading numbers from JSON the way Go and session files write them. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean hs_json_node_get_number (JsonNode *node,
                                  double   *value);

G_END_DECLS
