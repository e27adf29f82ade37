package io.followup.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory, owner-only whatever the umask: the directory itself {@code 0700} (so nothing created in it
 * later, by H2 or anyone, is reachable by other users) and followup's own files in it ({@code followup.*}: the
 * embedded database, its trace and lock files) {@code 0600}. On a
 * file system without POSIX permissions nothing is changed. Not thread-safe; used once when a database opens.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    private DataDirectory(Path directory) {
        this.directory = directory;
    }

    /** Creates the directory (and its parents) when missing, and makes it {@code 0700}. */
    public static DataDirectory secure(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            if (posix()) {
                Set<PosixFilePermission> before = Files.getPosixFilePermissions(absolute);
                if (!before.equals(DIRECTORY)) {
                    Files.setPosixFilePermissions(absolute, DIRECTORY);
                    log.info("data directory {} made owner-only (was {})", absolute,
                            PosixFilePermissions.toString(before));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + absolute + " owner-only: " + e, e);
        }
        return new DataDirectory(absolute);
    }

    /** Makes followup's regular files in the directory {@code 0600} (H2 creates its files with the umask). */
    public void restrictFiles() {
        if (!posix()) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("followup.")
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.getPosixFilePermissions(file).equals(FILE)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the files in " + directory + " owner-only: " + e, e);
        }
    }

    public Path path() {
        return directory;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
