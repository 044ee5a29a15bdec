/**
 * What bounds a query: a {@link io.reqldb.query.limits.QueryControl} per query, which it can be
 * cancelled through (STOP, disconnect) and which charges the memory it materialises against its
 * budget, and {@link io.reqldb.query.limits.QueryLimits}, the server-wide side that makes those
 * controls, shares one memory pool between them and counts what they did.
 *
 * <p>Why a control is bound to the evaluating thread ({@link QueryControl#bind}) rather than
 * passed everywhere: the loops to stop are in every sequence and every function call, many of them
 * in code that has no query context at hand (an array turned into a stream). The sources every
 * loop reads from ask the thread's control, once every few hundred elements, so ordinary queries
 * pay one field read per element and nothing is allocated.
 *
 * <h2>{@code array_limit}: where RethinkDB 2.4.4 checks it, and where ReqlDB does</h2>
 *
 * <p>RethinkDB checks the limit wherever it builds an array through a checked builder or
 * constructor ({@code datum_array_builder_t}, {@code datum_t(vector, limits)}; error.cc's
 * {@code format_array_size_error}: {@code ReqlResourceLimitError} "Array over size limit `N`. ...")
 * and in a few places with texts of their own. Values handed on without copying (a stored
 * document, {@code nth}, {@code do}, {@code default}, {@code to_json}) and streams are never
 * checked. Every row below is held by {@code ArrayLimitAuditTest} (and {@code ArrayLimitTest},
 * {@code HttpTermsTest}); "stored" means a stored array longer than the query's limit, which
 * RethinkDB checks again when a term copies it.
 * <pre>
 * term                                      RethinkDB (source)                ReqlDB
 * append, prepend, set_insert, set_union    builder add (arr.cc)              ArrayTerms.limited
 * insert_at, splice_at                      builder insert/splice             ArrayTerms.limited
 * change_at, delete_at (stored input)       builder copy of the input         ArrayTerms.withinLimit
 * set_intersection, set_difference          builder add (stored inputs)       ArrayTerms.limited
 * add, mul of arrays                        builder (arith.cc)                MathTerms
 * make_array, r.args in it                  builder (datum_terms.cc)          ArrayTerms
 * slice, skip, limit of an array            builder / as_array                SliceTerms, Streams.result
 * map, filter, concat_map, zip, joins,      a stream that stands for an       Streams.result,
 *   union, offsets_of, difference,            array, read back (as_array)       Values.materialize
 *   get_field/with_fields/merge on arrays
 * coerce_to('array') of streams, tables     as_array / to_array_t (shards.cc) Coercion, Values.materialize
 * coerce_to('array'), keys, values of objs  datum_t(vector) (type_manip, obj) Coercion, ObjectTerms
 * order_by (array, stream, no index)        rcheck_array_size (sort.cc)       OrderTerms
 * order_by(index, keys): rows of one index  "Too many rows (&gt; N) with the    OrderTerms.sortWithinIndex
 *   value buffered to sort by the keys        same value for index `i`:" (datum_stream.cc)
 * distinct (array, stream; not a table)     rcheck_array_size (sort.cc)       OrderTerms.distinct
 * group without reduction                   "Grouped data over size limit"    GroupedData
 * group: number of groups, any reduction    "Too many groups (&gt; N)."       GroupTerm
 * ungroup                                   datum_t(vector)                   (bounded by the groups)
 * fold, reduce                              through the terms they call       (those terms)
 * a function's array-stream result          as_array with env limits (val.cc) FuncValue.call, Funcs.call
 * sample                                    n itself checked (random.cc)      SliceTerms.sample
 * split                                     result; n: LOGIC error text       StringTerms
 * match: capture groups                     builder (string.cc)               RegexMatch
 * pluck, without, has_fields: path count    datum_t(paths) (obj_or_seq.cc)    ObjectTerms.paths
 * r.json                                    to_datum with limits              Values.checkArraysWithin
 * r.http JSON body                          worker's to_datum: NON_EXISTENCE  HttpFetcher
 *                                             "Error in HTTP ... `url`: Array over size limit ..."
 * r.js results                              worker's js_to_datum: LOGIC error JsTerms
 * point, line, polygon, circle, fill,       geojson.cc constructors           GeoTerms.validated
 *   polygon_sub (coordinate arrays)
 * get_nearest results                       builder (real_table.cc)           GeoIndexTerms
 * get_intersecting                          "Array size limit exceeded during GeoIndexTerms
 *                                             geospatial index traversal."
 * db_list, table_list                       datum_t(vector) (db_table.cc)     DbTableTerms
 * limit(n).changes()                        "Array size limit `N` exceeded."  FeedPlanner
 * write results: changes, generated_keys    truncated with a warning          WriteStats
 * array_limit &lt; 1                          LOGIC "Illegal array size limit"  RqlQueryEngine
 * </pre>
 * Not checked by either: streams sent to the client (r.range, tables, union of streams, an
 * unindexed distinct on a table, which walks it in key order), object / coerce_to('object')
 * (no array is built), bracket and nth. A table, selection or lazy stream returned by a function
 * whose result must be a datum ({@code merge}, {@code update}, an index function, a predicate:
 * {@link io.reqldb.query.eval.FuncValue#call}) is refused as RethinkDB refuses it ("Expected
 * type DATUM but found TABLE:"), never read into an array.
 */
package io.reqldb.query.limits;
