package org.dmascope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Topology;

/** The JavaFX application: the composition root of the window. */
public final class DmascopeApplication extends Application {
    @Override
    public void start(Stage stage) {
        Topology topology = SampleCatalog.loadDefault();
        stage.setTitle(topology.name() + " — dmascope");
        stage.setScene(new Scene(new Label(topology.toString()), 1280, 800));
        stage.show();
    }
}
