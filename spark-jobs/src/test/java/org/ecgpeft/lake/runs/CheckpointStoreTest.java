package org.ecgpeft.lake.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on a file system that only the session's Hadoop configuration knows, in a real local session. */
class CheckpointStoreTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("checkpoint-store-test", 1, 1);
        SessionOnlyFileSystem.register(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void remoteCheckpointsGoThroughTheSessionsHadoopConfiguration() throws IOException {
        Path remote = tmp.resolve("remote root");
        CheckpointStore store = new CheckpointStore(
                SessionOnlyFileSystem.uri(remote), spark.sparkContext().hadoopConfiguration());
        Path staged = store.stagingDir("run-1");
        assertFalse(staged.startsWith(remote), "a remote run is written locally first: " + staged);
        Files.createDirectories(staged.resolve("epoch-001"));
        Files.writeString(staged.resolve("config.json"), "{}");
        Files.writeString(staged.resolve("epoch-001/weights"), "w");

        String location = store.publish("run-1");
        assertEquals(SessionOnlyFileSystem.uri(remote.resolve("run-1")).replace("://", ":"), location);
        assertEquals("{}", Files.readString(remote.resolve("run-1/config.json")));
        assertTrue(CheckpointStore.hasFile(
                location, "config.json", spark.sparkContext().hadoopConfiguration()));

        Path copy = CheckpointStore.localCopy(location, spark.sparkContext().hadoopConfiguration());
        assertFalse(copy.startsWith(remote), copy.toString());
        assertEquals("{}", Files.readString(copy.resolve("config.json")));
        assertEquals("w", Files.readString(copy.resolve("epoch-001/weights")));

        // What the store used to do: a fresh configuration lacks the session's file systems (and credentials).
        assertThrows(IOException.class, () -> CheckpointStore.localCopy(location, new Configuration()));
    }

    @Test
    void localCheckpointsStayInPlaceUnderTheirAbsolutePath() throws IOException {
        Path root = tmp.resolve("tables with space/checkpoints");
        CheckpointStore store =
                new CheckpointStore(root.toString(), spark.sparkContext().hadoopConfiguration());
        Files.createDirectories(store.stagingDir("run-2"));
        Files.writeString(store.stagingDir("run-2").resolve("config.json"), "{}");
        String location = store.publish("run-2");
        assertEquals(root.resolve("run-2").toAbsolutePath().toString(), location);
        assertEquals(Path.of(location), CheckpointStore.localCopy(location, new Configuration()));
        assertEquals(
                Path.of(location),
                CheckpointStore.localCopy(
                        "file://" + location, spark.sparkContext().hadoopConfiguration()));
    }
}
