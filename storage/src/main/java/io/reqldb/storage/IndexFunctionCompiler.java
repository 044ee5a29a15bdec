package io.reqldb.storage;

/** Turns an index's stored definition back into an {@link IndexFunction} (done by the query layer). */
@FunctionalInterface
public interface IndexFunctionCompiler {
    IndexFunction compile(IndexDefinition definition);
}
