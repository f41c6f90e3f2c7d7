package org.ecgpeft.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * A text file (local or any Hadoop URI) as its lines with their 1-based numbers, read on the executors
 * straight from bytes. The file is cut into byte ranges, one per task; a line belongs to the range its first
 * byte lies in. A first Spark job only counts the lines starting in each range (a scan for newline bytes), so
 * every task knows the number of its first line without the file being decoded twice. Lines end in LF or
 * CRLF; a UTF-8 byte order mark at the start of the file is skipped. A file a Hadoop codec compresses (by
 * its extension, e.g. {@code .gz}) cannot be cut and is read by one task.
 */
final class TextLines implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 1 << 16;
    /** Ranges are at least this large by default, so a small file is not spread over many tasks. */
    private static final long MIN_RANGE = 4L << 20;

    private final String file;
    private final SerializableConfiguration hadoop;
    private final long minRange;

    /**
     * @param file   the text file's path or URI
     * @param hadoop the Hadoop configuration to open it with (shipped to the executors)
     */
    TextLines(String file, Configuration hadoop) {
        this(file, hadoop, MIN_RANGE);
    }

    /** As above, with ranges of at least {@code minRange} bytes. */
    TextLines(String file, Configuration hadoop, long minRange) {
        this.file = file;
        this.hadoop = new SerializableConfiguration(hadoop);
        this.minRange = minRange;
    }

    /** The lines and their numbers, in file order, in about {@code partitions} tasks. */
    JavaRDD<Tuple2<String, Long>> read(JavaSparkContext jsc, int partitions) {
        List<Range> ranges = ranges(partitions);
        JavaRDD<Range> slices = jsc.parallelize(ranges, ranges.size());
        long[] first = new long[ranges.size()];
        first[0] = 1;
        if (ranges.size() > 1) {
            List<Long> counts = slices.map(this::countLineStarts).collect();
            for (int i = 1; i < first.length; i++) {
                first[i] = first[i - 1] + counts.get(i - 1);
            }
        }
        return slices.mapPartitionsWithIndex((i, it) -> lines(it.next(), first[i]), true);
    }

    /** The first {@code n} lines (fewer when the file is shorter), read here on the driver. */
    List<String> head(int n) {
        List<String> out = new ArrayList<>();
        LineIterator it = lines(new Range(0, Long.MAX_VALUE), 1);
        while (out.size() < n && it.hasNext()) {
            out.add(it.next()._1());
        }
        it.close();
        return out;
    }

    private List<Range> ranges(int partitions) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(hadoop.value());
            long length = fs.getFileStatus(path).getLen();
            if (codec() != null || length <= minRange) {
                return List.of(new Range(0, Long.MAX_VALUE));
            }
            int n = (int) Math.max(1, Math.min(partitions, length / minRange));
            List<Range> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Range(length * i / n, length * (i + 1) / n));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private CompressionCodec codec() {
        return new CompressionCodecFactory(hadoop.value()).getCodec(new Path(file));
    }

    /** Lines starting in {@code r}: position 0, and every position after a newline byte (but the end). */
    private long countLineStarts(Range r) throws IOException {
        long count = r.start() == 0 ? 1 : 0;
        try (FSDataInputStream in = open()) {
            long from = Math.max(r.start() - 1, 0);
            in.seek(from);
            // A newline at p starts a line at p + 1; those in [start, end) come from p in [start - 1, end - 1).
            long todo = r.end() - 1 - from;
            byte[] buf = new byte[BUFFER];
            while (todo > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, todo));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        count++;
                    }
                }
                todo -= n;
            }
        }
        return count;
    }

    private FSDataInputStream open() throws IOException {
        Path path = new Path(file);
        return path.getFileSystem(hadoop.value()).open(path);
    }

    private LineIterator lines(Range r, long firstNumber) {
        try {
            CompressionCodec codec = codec();
            InputStream in;
            long position = r.start();
            if (codec != null) {
                in = codec.createInputStream(open());
            } else {
                FSDataInputStream raw = open();
                if (r.start() > 0) {
                    // Back one byte: unless it is a newline, the range starts inside a line its predecessor reads.
                    raw.seek(r.start() - 1);
                    position = r.start() - 1;
                }
                in = raw;
            }
            LineIterator it = new LineIterator(in, r, position, firstNumber);
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) ctx -> it.close());
            }
            return it;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A byte range {@code [start, end)} of the file. */
    private record Range(long start, long end) implements Serializable {}

    /** The lines starting in one range, read through a buffer; a line may run past the range's end. */
    private final class LineIterator implements Iterator<Tuple2<String, Long>> {
        private final InputStream in;
        private final Range range;
        private final byte[] buf = new byte[BUFFER];
        private byte[] line = new byte[BUFFER];
        private int pos;
        private int limit;
        /** File offset of buf[pos]. */
        private long offset;

        private long number;
        private Tuple2<String, Long> next;
        private boolean closed;

        LineIterator(InputStream in, Range range, long offset, long firstNumber) throws IOException {
            this.in = in;
            this.range = range;
            this.offset = offset;
            this.number = firstNumber;
            if (range.start() > 0) {
                skipPastNewline();
            } else {
                skipByteOrderMark();
            }
            next = advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Tuple2<String, Long> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Tuple2<String, Long> out = next;
            try {
                next = advance();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " after line " + out._2(), e);
            }
            return out;
        }

        void close() {
            if (!closed) {
                closed = true;
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + file, e);
                }
            }
        }

        private Tuple2<String, Long> advance() throws IOException {
            if (offset >= range.end() || !fill()) {
                close();
                return null;
            }
            int length = 0;
            while (true) {
                int newline = indexOfNewline();
                int end = newline < 0 ? limit : newline;
                line = grow(line, length + end - pos);
                System.arraycopy(buf, pos, line, length, end - pos);
                length += end - pos;
                offset += end - pos;
                pos = end;
                if (newline >= 0) {
                    pos++;
                    offset++;
                    break;
                }
                if (!fill()) {
                    break;
                }
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return new Tuple2<>(new String(line, 0, length, StandardCharsets.UTF_8), number++);
        }

        private int indexOfNewline() {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** Makes buf[pos] readable; false at the end of the file. */
        private boolean fill() throws IOException {
            while (pos >= limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return false;
                }
                pos = 0;
                limit = n;
            }
            return true;
        }

        /** From the byte before the range: skips the end of the line that started before it. */
        private void skipPastNewline() throws IOException {
            while (fill()) {
                byte b = buf[pos++];
                offset++;
                if (b == '\n') {
                    return;
                }
            }
        }

        private void skipByteOrderMark() throws IOException {
            if (fill()
                    && limit - pos >= 3
                    && buf[pos] == (byte) 0xEF
                    && buf[pos + 1] == (byte) 0xBB
                    && buf[pos + 2] == (byte) 0xBF) {
                pos += 3;
                offset += 3;
            }
        }
    }

    private static byte[] grow(byte[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, 2 * a.length));
    }
}
