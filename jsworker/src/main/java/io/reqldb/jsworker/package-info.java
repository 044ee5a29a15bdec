/**
 * {@code r.js} isolation. JavaScript runs in worker processes, not in the server: each worker is a
 * small JVM ({@link io.reqldb.jsworker.worker.WorkerMain}) with its own capped heap, running Rhino
 * with no access to Java classes, files, processes or the network, and talking to the server over
 * its standard input and output ({@link io.reqldb.jsworker.wire.Protocol}). The server side,
 * {@link io.reqldb.jsworker.JsWorkerPool}, keeps workers warm between queries and kills a worker
 * whose script overruns its timeout or whose query is cancelled; a worker that dies (out of
 * memory, killed, crashed) is replaced, and the server never runs a line of the script.
 *
 * <p>Dependencies: Rhino, loaded only by the worker process. The query layer converts its values
 * to and from the wire format.
 */
package io.reqldb.jsworker;
