package org.ecgpeft.report;

import java.util.Locale;

/** The data-licence attributions the report must carry. */
public final class Attribution {

    /** Required by the CinC 2017 data's ODC-By 1.0 licence wherever the data (or results on it) are shown. */
    public static final String CINC_2017 = "Clifford G. et al., AF Classification from a Short Single Lead ECG "
            + "Recording: the PhysioNet/Computing in Cardiology Challenge 2017 (ODC-By 1.0)";

    private Attribution() {}

    /**
     * Whether a source name denotes CinC 2017 data: the source id ({@code cinc2017}, {@code cinc-2017}),
     * the challenge's folder name ({@code training2017}) or a PhysioNet locator containing either.
     */
    public static boolean isCinc2017Source(String source) {
        String s = source.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return s.contains("cinc") || s.contains("training2017") || s.contains("challenge2017");
    }
}
