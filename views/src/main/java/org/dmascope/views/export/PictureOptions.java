package org.dmascope.views.export;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.GroupColouring;
import org.dmascope.views.topology.Rect;
import org.dmascope.views.topology.TopologyItem;

/**
 * What a picture shows besides the machine, as the canvas shows it.
 *
 * @param groups    colour the functions by IOMMU group, with tags and the legend
 * @param route     a mapping's or a P2P pair's route with numbered stops
 * @param selection the selected item, ringed
 * @param area      the part of the layout to draw (the canvas's visible part); empty for the whole machine
 */
public record PictureOptions(Optional<GroupColouring> groups, Optional<CanvasRoute> route,
                             Optional<TopologyItem> selection, Optional<Rect> area) {
    public static final PictureOptions PLAIN = new PictureOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public PictureOptions {
        Objects.requireNonNull(groups);
        Objects.requireNonNull(route);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(area);
    }

    public PictureOptions withGroups(GroupColouring g) {
        return new PictureOptions(Optional.ofNullable(g), route, selection, area);
    }

    public PictureOptions withRoute(CanvasRoute r) {
        return new PictureOptions(groups, Optional.ofNullable(r), selection, area);
    }

    public PictureOptions withSelection(TopologyItem s) {
        return new PictureOptions(groups, route, Optional.ofNullable(s), area);
    }

    public PictureOptions withArea(Rect a) {
        return new PictureOptions(groups, route, selection, Optional.ofNullable(a));
    }
}
