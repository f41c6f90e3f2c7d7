package org.ecgpeft.model.mscnn;

import java.util.List;

/**
 * Configuration of the dual-stream MS-CNN (Fan et al., IEEE JBHI 2018). Both streams share the block layout
 * and differ only in their convolution kernel size, so they see the ECG at two time scales.
 *
 * @param inputLength samples per window (2,400 = 8 s at 300 Hz)
 * @param kernelStream1 kernel size of every convolution in stream 1
 * @param kernelStream2 kernel size of stream 2 ({@code k_size_stream2}: 5, 7 or 9 in the study)
 * @param blockChannels output channels of each conv block (each block ends with max-pool /2)
 * @param convsPerBlock convolutions per block (conv - batch norm - ReLU)
 * @param hidden width of the MLP head's hidden layer
 * @param dropout dropout of the MLP head
 * @param numClasses classes of the head (2: normal vs AF)
 */
public record MsCnnConfig(
        int inputLength,
        int kernelStream1,
        int kernelStream2,
        List<Integer> blockChannels,
        List<Integer> convsPerBlock,
        int hidden,
        float dropout,
        int numClasses) {

    public MsCnnConfig {
        blockChannels = List.copyOf(blockChannels);
        convsPerBlock = List.copyOf(convsPerBlock);
        require(inputLength > 0, "inputLength", inputLength);
        require(kernelStream1 > 0 && kernelStream1 % 2 == 1, "kernelStream1 (odd, for same padding)", kernelStream1);
        require(kernelStream2 > 0 && kernelStream2 % 2 == 1, "kernelStream2 (odd, for same padding)", kernelStream2);
        require(
                !blockChannels.isEmpty() && blockChannels.size() == convsPerBlock.size(),
                "blockChannels/convsPerBlock (same non-zero length)",
                blockChannels + " / " + convsPerBlock);
        require(blockChannels.stream().allMatch(c -> c > 0), "blockChannels", blockChannels);
        require(convsPerBlock.stream().allMatch(c -> c > 0), "convsPerBlock", convsPerBlock);
        require(inputLength >> blockChannels.size() > 0, "inputLength (too short for the pooling depth)", inputLength);
        require(hidden > 0, "hidden", hidden);
        require(dropout >= 0f && dropout < 1f, "dropout", dropout);
        require(numClasses >= 2, "numClasses", numClasses);
    }

    private static void require(boolean ok, String key, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid MS-CNN config: " + key + " = " + value);
        }
    }

    /** Width of the concatenated feature of both streams (1,024 for the study presets). */
    public int featureDim() {
        return 2 * blockChannels.get(blockChannels.size() - 1);
    }

    /** The VGG-16-like layout of the paper (13 convolutions per stream), for GPU training. */
    public static MsCnnConfig paper(int kernelStream2) {
        return new MsCnnConfig(
                2400, 3, kernelStream2, List.of(64, 128, 256, 512, 512), List.of(2, 2, 3, 3, 3), 256, 0.5f, 2);
    }

    /** One convolution per block, same 1,024-d feature: trains on CinC 2017 in minutes on a laptop CPU. */
    public static MsCnnConfig compact(int kernelStream2) {
        return new MsCnnConfig(
                2400, 3, kernelStream2, List.of(16, 32, 64, 128, 512), List.of(1, 1, 1, 1, 1), 128, 0.3f, 2);
    }
}
