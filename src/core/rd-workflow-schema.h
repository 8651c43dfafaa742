/* rd-workflow-schema.h
 *
 * The SQL of the workflow's migration (see rd-workflow-schema.c).
 */
#pragma once

extern const char rd_workflow_schema_sql[];
