package org.gridprint.carbon.intensity;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** A grid-intensity time series from a CSV or JSON file; factory PID {@code org.gridprint.carbon.intensity.file}. */
@Designate(ocd = FileProviderConfig.class, factory = true)
@Component(name = "org.gridprint.carbon.intensity.file", service = IntensityProvider.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class FileProviderComponent extends ProviderComponent {

    @Activate
    void activate(Map<String, Object> properties) {
        configure(ProviderKind.FILE, properties);
    }
}
