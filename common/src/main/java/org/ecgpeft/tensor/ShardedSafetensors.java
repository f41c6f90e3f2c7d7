package org.ecgpeft.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * A checkpoint split into safetensors shards by a {@code model.safetensors.index.json} whose
 * {@code weight_map} names the shard of every tensor (the Hugging Face layout of large models).
 */
public final class ShardedSafetensors implements TensorReader {

    private final Path index;
    private final SortedMap<String, SafetensorsFile> shardOf;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(
            Path index, SortedMap<String, SafetensorsFile> shardOf, Map<String, SafetensorsFile> shards) {
        this.index = index;
        this.shardOf = shardOf;
        this.shards = shards;
    }

    /** Opens the index and every shard it names, checking that each shard holds its tensors. */
    public static ShardedSafetensors open(Path index) throws IOException {
        Map<String, String> weightMap = readWeightMap(index);
        Path folder = index.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        SortedMap<String, SafetensorsFile> shardOf = new TreeMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                String shardName = e.getValue();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path shardFile = folder.resolve(shardName);
                    if (!Files.isRegularFile(shardFile)) {
                        throw new IOException("shard " + shardFile + " named in " + index + " for tensor '" + e.getKey()
                                + "' is missing");
                    }
                    shard = SafetensorsFile.open(shardFile);
                    shards.put(shardName, shard);
                }
                if (!shard.contains(e.getKey())) {
                    throw new IOException("tensor '" + e.getKey() + "' is mapped to " + shard.source() + " by " + index
                            + " but that shard does not hold it");
                }
                shardOf.put(e.getKey(), shard);
            }
        } catch (IOException | RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(
                index, Collections.unmodifiableSortedMap(shardOf), Collections.unmodifiableMap(shards));
    }

    private static Map<String, String> readWeightMap(Path index) throws IOException {
        try {
            return Json.FOREIGN.read(index, IndexJson.class).weightMap();
        } catch (IllegalArgumentException e) {
            throw new IOException("bad safetensors index " + e.getMessage(), e);
        }
    }

    /** The key of HF's {@code model.safetensors.index.json} we use: tensor name to shard file name. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IndexJson(Map<String, String> weightMap) {

        IndexJson {
            BadKeyException.required(weightMap, "weight_map");
        }
    }

    @Override
    public Set<String> names() {
        return shardOf.keySet();
    }

    @Override
    public boolean contains(String name) {
        return shardOf.containsKey(name);
    }

    @Override
    public TensorMeta meta(String name) {
        return shard(name).meta(name);
    }

    @Override
    public NDArray read(String name, NDManager manager, DataType target) {
        return shard(name).read(name, manager, target);
    }

    @Override
    public float[] readFloats(String name) {
        return shard(name).readFloats(name);
    }

    /** Number of shard files. */
    public int shardCount() {
        return shards.size();
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile shard = shardOf.get(name);
        if (shard == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + index);
        }
        return shard;
    }

    @Override
    public String source() {
        return index.toString();
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }
}
