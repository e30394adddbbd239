// All an app writes to use the element: import the package (it defines <c2c-call-button>).
import 'c2c-call-button';
