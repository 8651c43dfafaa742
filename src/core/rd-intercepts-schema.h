/* rd-intercepts-schema.h
 *
 * The SQL of the intercept register's migration (see rd-intercepts-schema.c).
 */
#pragma once

extern const char rd_intercepts_schema_sql[];
