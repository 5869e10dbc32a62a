package io.missioncontrol.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** TCP ports for servers started by tests, and a check for ports given by callers. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Ports that were free a moment ago. All sockets are held open until every port is known, so the ports are
     * distinct; another process could still take one before our server binds it, which is rare enough for tests.
     */
    static int[] allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find " + count + " free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a socket that never accepted anything cannot lose data.
                }
            }
        }
    }

    /** A fixed port is needed: after a restart, clients must find the server at the same address. */
    static int requireValid(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        return port;
    }
}
