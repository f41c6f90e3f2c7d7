package org.ecgpeft.model.wav2vec2;

import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional feature extractor's layers as (channels, kernel, stride) triples, parsed from fairseq's
 * {@code conv_feature_layers} string such as {@code "[(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512, 2, 2)] * 2"}
 * or {@code "[(256, 2, 2)] * 4"}. fairseq evaluates that string with Python's {@code eval}; this accepts the
 * subset real checkpoints use: lists of 3-tuples, {@code * n} repetition and {@code +} concatenation.
 */
public record ConvStack(List<Integer> dims, List<Integer> kernels, List<Integer> strides) {

    /** Copies the lists and checks they have one entry per layer. */
    public ConvStack {
        dims = List.copyOf(dims);
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        if (dims.isEmpty() || dims.size() != kernels.size() || dims.size() != strides.size()) {
            throw new IllegalArgumentException("conv stack needs equally long, non-empty dims/kernels/strides, got "
                    + dims + " / " + kernels + " / " + strides);
        }
    }

    /** Parses fairseq's {@code conv_feature_layers} expression. */
    public static ConvStack parse(String spec) {
        return new Parser(spec).parse();
    }

    /** Recursive-descent parser over the expression's characters. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("conv_feature_layers is empty");
            }
            this.text = text;
        }

        ConvStack parse() {
            List<int[]> layers = new ArrayList<>(term());
            while (peek() == '+') {
                pos++;
                layers.addAll(term());
            }
            if (peek() != 0) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            List<Integer> dims = new ArrayList<>();
            List<Integer> kernels = new ArrayList<>();
            List<Integer> strides = new ArrayList<>();
            for (int[] l : layers) {
                dims.add(l[0]);
                kernels.add(l[1]);
                strides.add(l[2]);
            }
            return new ConvStack(dims, kernels, strides);
        }

        private List<int[]> term() {
            List<int[]> list = list();
            if (peek() != '*') {
                return list;
            }
            pos++;
            int times = number();
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                out.addAll(list);
            }
            return out;
        }

        private List<int[]> list() {
            expect('[');
            List<int[]> out = new ArrayList<>();
            out.add(tuple());
            while (peek() == ',') {
                pos++;
                if (peek() == ']') {
                    break;
                }
                out.add(tuple());
            }
            expect(']');
            return out;
        }

        private int[] tuple() {
            expect('(');
            int dim = number();
            expect(',');
            int kernel = number();
            expect(',');
            int stride = number();
            expect(')');
            return new int[] {dim, kernel, stride};
        }

        private int number() {
            peek();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a number");
            }
            return Integer.parseInt(text.substring(start, pos));
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        /** Skips blanks and returns the next character, or 0 at the end. */
        private char peek() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "conv_feature_layers \"" + text + "\": " + what + " at position " + pos);
        }
    }
}
