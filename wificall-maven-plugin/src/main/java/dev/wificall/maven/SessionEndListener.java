package dev.wificall.maven;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;

/**
 * Stops what {@code simulator-start} left running when the build ends without {@code simulator-stop}
 * (it failed before): the session's own {@link ExecutionListener}, wrapped so that {@code sessionEnded}
 * first runs our clean-up, every event still reaching Maven's listener. This replaces a JVM shutdown
 * hook, which ran after Maven had closed the plugin's class realm (so the classes it needed were gone)
 * and which a JVM that outlives the build (mvnd, an IDE) would run only much later. A proxy rather than
 * a class, so that it forwards whatever events a Maven version adds.
 */
final class SessionEndListener {

    private SessionEndListener() {
    }

    /** Wraps the session's listener once per session; false when there is no session (a unit test). */
    static boolean install(MavenSession session, Runnable atEnd) {
        if (session == null || session.getRequest() == null) {
            return false;
        }
        ExecutionListener current = session.getRequest().getExecutionListener();
        if (current != null && Proxy.isProxyClass(current.getClass())
                && Proxy.getInvocationHandler(current) instanceof Handler) {
            return true;
        }
        ExecutionListener wrapped = (ExecutionListener) Proxy.newProxyInstance(SessionEndListener.class.getClassLoader(),
                new Class<?>[] {ExecutionListener.class}, new Handler(current, atEnd));
        session.getRequest().setExecutionListener(wrapped);
        return true;
    }

    private record Handler(ExecutionListener wrapped, Runnable atEnd) implements java.lang.reflect.InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "wificall session-end listener around " + wrapped;
                };
            }
            if (method.getName().equals("sessionEnded")) {
                atEnd.run();
            }
            if (wrapped == null) {
                return null;
            }
            try {
                return method.invoke(wrapped, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
