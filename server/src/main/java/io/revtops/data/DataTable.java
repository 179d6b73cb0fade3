package io.revtops.data;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One browsable table as the allow-list describes it. Every string here is SQL written by us (column names and
 * a few constant expressions); none is ever taken from a request.
 *
 * @param name        the table and the URL segment ({@code /api/data/deals})
 * @param label       what people call it
 * @param title       SQL expression of a row's display title (alias {@code t})
 * @param searchOn    SQL expression {@code q} is matched against with ILIKE
 * @param dateColumn  the column the {@code from}/{@code to} range applies to
 * @param listColumns columns of the list (id first)
 * @param detailExtra more columns shown on the detail page only
 * @param filters     equality filters: column → its type
 * @param sortable    columns that may be sorted by
 * @param defaultSort the sort without {@code sort=}, with its order
 */
public record DataTable(String name, String label, String title, String searchOn, String dateColumn,
                        List<String> listColumns, List<String> detailExtra, Map<String, ColumnType> filters,
                        Set<String> sortable, String defaultSort, boolean defaultDescending) {

    /** How a filter value is parsed before it is bound. */
    public enum ColumnType { TEXT, UUID, BOOLEAN, INTEGER }
}
