package io.reqldb.server.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers {@code GET /metrics} (and HEAD) with the exposition text; anything else with 404 or 405,
 * and any request without the bearer token, when one is set, with 401.
 */
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final BearerToken token;
    private final Supplier<String> metrics;

    /** @param token the token requests must carry, or null for none */
    MetricsHandler(BearerToken token, Supplier<String> metrics) {
        this.token = token;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response;
        if (token != null && !token.presentIn(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            response = text(HttpResponseStatus.UNAUTHORIZED, "A bearer token is needed (Authorization: Bearer ...).\n",
                    false);
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"reqldb metrics\"");
        } else if (!path.equals("/metrics")) {
            response = text(HttpResponseStatus.NOT_FOUND, "Not found: the metrics are at /metrics.\n", false);
        } else if (!head && !request.method().equals(HttpMethod.GET)) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET.\n", false);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        } else {
            response = text(HttpResponseStatus.OK, metrics.get(), head);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
