package io.reqldb.jsworker.worker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JavaScript worker program, run by the server as a separate JVM with a small heap: reads
 * requests from standard input and writes replies to standard output (see
 * {@link io.reqldb.jsworker.wire.Protocol}) until standard input ends or the server process is
 * gone. Nothing else may write to standard output, so {@code System.out} is pointed at standard
 * error before any script runs. A {@link Watchdog} ends the process when the server is gone or
 * the heap is full.
 */
public final class WorkerMain {
    /** Requests longer than this are refused: the server never sends one (its queries are capped lower). */
    private static final int MAX_REQUEST_BYTES = Integer.MAX_VALUE - 8;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        Thread watchdog = Watchdog.start();
        Sandbox sandbox = new Sandbox();
        WireWriter reply = new WireWriter();
        sandbox.handle(warmUpRequest(), reply);
        WorkerLockdown.apply(watchdog);
        reply.reset().writeByte(Protocol.READY).writeFrameTo(out);
        out.flush();
        byte[] request;
        while ((request = WireReader.readFrame(in, MAX_REQUEST_BYTES)) != null) {
            sandbox.handle(request, reply);
            reply.writeFrameTo(out);
            out.flush();
        }
    }

    /** One small evaluation before the lockdown, so that the classes every script needs are loaded. */
    private static byte[] warmUpRequest() {
        WireWriter w = new WireWriter().writeByte(Protocol.EVAL).writeLong(1000)
                .writeString("[1, 'a', {b: new Date(0)}, /x/.test('x'), JSON.stringify([1]), Math.max(1, 2)].length");
        byte[] frame = w.frame();
        return java.util.Arrays.copyOfRange(frame, 4, frame.length);
    }
}
