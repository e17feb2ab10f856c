/* Generated from acr-rules.json by build-aux/extract-rules-strings.
 * Do not edit: run the script again when the bundle changes.
 * Only xgettext reads this file; it is not compiled. */

