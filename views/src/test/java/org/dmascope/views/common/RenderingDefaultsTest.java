package org.dmascope.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RenderingDefaultsTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(RenderingDefaults.REGION_CACHING_OFF);
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(RenderingDefaults.REGION_CACHING_OFF);
        else System.setProperty(RenderingDefaults.REGION_CACHING_OFF, before);
    }

    @Test
    void turnsTheRegionCacheOffWhenTheUserSaidNothing() {
        System.clearProperty(RenderingDefaults.REGION_CACHING_OFF);
        RenderingDefaults.apply();
        assertEquals("true", System.getProperty("prism.disableRegionCaching"));
        assertTrue(RenderingDefaults.regionCachingOff());
    }

    @Test
    void keepsWhatTheUserChose() {
        System.setProperty(RenderingDefaults.REGION_CACHING_OFF, "false");
        RenderingDefaults.apply();
        assertEquals("false", System.getProperty("prism.disableRegionCaching"));
        assertFalse(RenderingDefaults.regionCachingOff());
    }
}
