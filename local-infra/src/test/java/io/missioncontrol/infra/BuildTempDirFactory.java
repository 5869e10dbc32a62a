package io.missioncontrol.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Puts {@code @TempDir} directories where {@code java.io.tmpdir} points (the build sets {@code target/}). JUnit's own
 * factory would use {@code /tmp}: the JDK caches the temporary directory before surefire sets the property.
 * Registered in {@code junit-platform.properties}.
 */
public class BuildTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "junit-");
    }
}
